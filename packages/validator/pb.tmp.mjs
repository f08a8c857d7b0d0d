import { parse, parseDocument, Parser, Composer, LineCounter } from 'yaml';
import jsyaml from '/work/main/node_modules/js-yaml/index.js';
const doc = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-1
  namespace: default
  labels:
    app.kubernetes.io/name: web
    app.kubernetes.io/instance: web-1
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          image: "nginx:1.27.0"
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          env:
            - name: FOO
              value: "bar"
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
          readinessProbe:
            httpGet:
              path: /ready
              port: http
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
`;
function bench(name, fn, n=20000) { for (let i=0;i<500;i++) fn(); const t=performance.now(); for (let i=0;i<n;i++) fn(); const dt=performance.now()-t; console.log(name, (dt/n*1000).toFixed(1), 'us/doc'); }
bench('yaml.parse', () => parse(doc));
bench('yaml.parseDocument', () => parseDocument(doc));
bench('yaml.parse uniqueKeys false', () => parse(doc, {uniqueKeys:false}));
bench('js-yaml.load', () => jsyaml.load(doc));
const j = JSON.stringify(jsyaml.load(doc));
bench('JSON.parse', () => JSON.parse(j));
bench('yaml Parser tokens only', () => { for (const _ of new Parser().parse(doc)) {} });
bench('yaml.parse again', () => parse(doc));
