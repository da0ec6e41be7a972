{{/* Chart name, truncated to the 63 characters of a label value. */}}
{{- define "contact-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart, or the release name alone when it already contains the chart name. */}}
{{- define "contact-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "contact-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "contact-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "contact-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "contact-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: contact-operator
{{- end }}

{{- define "contact-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "contact-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "contact-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{- define "contact-operator.webhookSecretName" -}}
{{- printf "%s-webhook-tls" (include "contact-operator.fullname" .) }}
{{- end }}

{{- define "contact-operator.webhookServiceName" -}}
{{- include "contact-operator.fullname" . }}
{{- end }}

{{/* How Alertmanager reaches the incident bridge: alerting.incidentBridge.url, or the operator's Service. */}}
{{- define "contact-operator.incidentBridgeUrl" -}}
{{- default (printf "http://%s.%s.svc:%v" (include "contact-operator.fullname" .) .Release.Namespace .Values.service.incidentBridgePort) .Values.alerting.incidentBridge.url }}
{{- end }}

{{/* Whole seconds of a Go-style duration made of h, m and s parts (30s, 1m30s, 2m). */}}
{{- define "contact-operator.seconds" -}}
{{- $total := 0 }}
{{- range regexFindAll "[0-9]+[hms]" . -1 }}
{{- $n := int (trimSuffix "h" (trimSuffix "m" (trimSuffix "s" .))) }}
{{- if hasSuffix "h" . }}{{ $total = add $total (mul $n 3600) }}{{ else if hasSuffix "m" . }}{{ $total = add $total (mul $n 60) }}{{ else }}{{ $total = add $total $n }}{{ end }}
{{- end }}
{{- $total }}
{{- end }}

{{/* clientConfig of a webhook: the operator's webhook Service, a path, and the CA bundle when Helm issued it. */}}
{{- define "contact-operator.webhookClientConfig" -}}
service:
  name: {{ .service }}
  namespace: {{ .namespace }}
  path: {{ .path }}
  port: {{ .port }}
{{- with .caBundle }}
caBundle: {{ . }}
{{- end }}
{{- end }}

{{/* One webhook of files/webhook/kind-webhooks.yaml: dict "webhook" (name, failurePolicy, resources) "path" "client" "root". */}}
{{- define "contact-operator.kindWebhook" -}}
- name: {{ .webhook.name }}
  admissionReviewVersions: [v1]
  sideEffects: None
  failurePolicy: {{ .webhook.failurePolicy }}
  matchPolicy: Equivalent
  {{- if eq .path "/mutate" }}
  reinvocationPolicy: Never
  {{- end }}
  timeoutSeconds: {{ .root.Values.webhook.timeoutSeconds }}
  clientConfig:
    {{- include "contact-operator.webhookClientConfig" (merge (dict "path" .path) .client) | nindent 4 }}
  rules:
    - apiGroups: [connect.contact-operator.io]
      apiVersions: [v1alpha1]
      operations: [CREATE, UPDATE]
      resources: [{{ join ", " .webhook.resources }}]
      scope: Namespaced
  {{- with .root.Values.operator.watchNamespace }}
  namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {{ . }}
  {{- end }}
{{- end }}
