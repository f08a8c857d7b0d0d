#!/usr/bin/env bash
# Installs the Debian packages the integration tests need: docker-registry (a real OCI registry), prometheus (for
# promtool), yamllint (chart-testing's YAML gate), gpg (signed packages), iproute2 (ip: offline tests bring up loopback
# in a network namespace of their own) and util-linux (unshare, setpriv: that namespace, and running without
# CAP_DAC_OVERRIDE). Skips what is already there; needs root (or sudo) to install.
set -euo pipefail
need=()
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v yamllint >/dev/null 2>&1 || need+=(yamllint)
command -v gpg >/dev/null 2>&1 || need+=(gpg)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
{ command -v unshare && command -v setpriv; } >/dev/null 2>&1 || need+=(util-linux)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-system-deps: need root to apt-get install ${need[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "install-system-deps: installing ${need[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
