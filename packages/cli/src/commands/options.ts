// Option parsers shared by the commands: repeatable flags, and comma-separated lists that may also repeat.
export const collect = (value: string, previous: string[] = []) => [...previous, value];
export const collectList = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
