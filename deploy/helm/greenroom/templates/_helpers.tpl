{{/* The release's name for every object, at most 63 characters. */}}
{{- define "greenroom.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "greenroom.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "greenroom.labels" -}}
{{ include "greenroom.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "greenroom.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "greenroom.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
What must be set, and what does not work together: each failure names the
value and says what to do.
*/}}
{{- define "greenroom.validate" -}}
{{- $v := .Values -}}
{{- if not $v.image.repository -}}
{{- fail "image.repository is required: where your build of the production image is pushed, e.g. registry.example.com/platform/greenroom" -}}
{{- end -}}
{{- if not $v.image.tag -}}
{{- fail "image.tag is required: an immutable version or digest of the image" -}}
{{- end -}}
{{- if eq (toString $v.image.tag) "latest" -}}
{{- fail "image.tag is 'latest': use an immutable version or digest, so that every replica runs the same image" -}}
{{- end -}}
{{- if not $v.baseUrl -}}
{{- fail "baseUrl is required: the portal's address as people open it, e.g. https://portal.example.com" -}}
{{- end -}}
{{- $url := urlParse $v.baseUrl -}}
{{- if or (not (has $url.scheme (list "http" "https"))) (not $url.host) -}}
{{- fail (printf "baseUrl is %q, not an http(s) URL" $v.baseUrl) -}}
{{- end -}}
{{- if not $v.existingSecret -}}
{{- fail "existingSecret is required: the name of a Secret with BACKEND_SECRET, POSTGRES_PASSWORD and the other secret variables" -}}
{{- end -}}
{{- if not $v.postgres.host -}}
{{- fail "postgres.host is required: the Postgres server every replica shares" -}}
{{- end -}}
{{- if and $v.redis.url $v.redis.urlSecretKey -}}
{{- fail "redis.url and redis.urlSecretKey are both set: use one" -}}
{{- end -}}
{{- $secretish := list "BACKEND_SECRET" "POSTGRES_PASSWORD" "GITHUB_TOKEN" "GREENROOM_CI_TOKEN" "GREENROOM_REDIS_URL" -}}
{{- range $name, $_ := $v.env -}}
{{- if or (has $name $secretish) (regexMatch "(SECRET|PASSWORD|PRIVATE_KEY|TOKEN)$" $name) -}}
{{- fail (printf "env.%s looks secret: put it in the Secret named by existingSecret, not in values" $name) -}}
{{- end -}}
{{- end -}}
{{- $replicas := ternary $v.autoscaling.maxReplicas $v.replicaCount $v.autoscaling.enabled -}}
{{- $publisher := dig "techdocs" "publisher" "type" "local" $v.appConfig -}}
{{- if and (gt (int $replicas) 1) (eq $publisher "local") (not $v.techdocs.persistence.enabled) -}}
{{- fail "more than one replica with TechDocs on each pod's own disk: a site one replica builds is missing on the others. Set techdocs.persistence.enabled (a ReadWriteMany volume) or appConfig.techdocs.publisher.type (awsS3, googleGcs or azureBlobStorage)" -}}
{{- end -}}
{{- if and $v.podDisruptionBudget.enabled (ge (int $v.podDisruptionBudget.minAvailable) (int (ternary $v.autoscaling.minReplicas $v.replicaCount $v.autoscaling.enabled))) -}}
{{- fail "podDisruptionBudget.minAvailable is not below the replicas: no pod could ever be evicted, and node drains would hang" -}}
{{- end -}}
{{- end -}}
