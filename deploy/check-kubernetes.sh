#!/usr/bin/env bash
# Checks deploy/kubernetes/ without a cluster: every manifest parses, and the Deployment keeps the
# invariants incidentd relies on (one replica, Recreate, probes, non-root and read-only, the PVC at
# the store path's directory, secrets and config mounted where the environment says). Given the
# binary, it also runs `incidentd check-config` on the ConfigMap's incidentd.toml.
#   deploy/check-kubernetes.sh [path/to/incidentd] [path/to/kubernetes-dir]
set -euo pipefail

binary=${1:-}
manifests=${2:-$(dirname "$0")/kubernetes}
[ -d "$manifests" ] || { echo "check-kubernetes: $manifests is not a directory" >&2; exit 1; }
python3 -c 'import yaml' 2>/dev/null || {
  echo "check-kubernetes: python3 with PyYAML is needed; install python3-yaml" >&2
  exit 1
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

python3 - "$manifests" "$scratch/incidentd.toml" <<'PYTHON'
import pathlib
import posixpath
import sys

import yaml

folder = pathlib.Path(sys.argv[1])
toml_out = pathlib.Path(sys.argv[2])
problems = []


def fail(message):
    problems.append(message)


documents = {}
for path in sorted(folder.glob("*.yaml")):
    try:
        loaded = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    except yaml.YAMLError as error:
        fail(f"{path.name}: not valid YAML: {error}")
        continue
    for document in loaded:
        if not isinstance(document, dict) or "kind" not in document or "apiVersion" not in document:
            fail(f"{path.name}: a document without kind and apiVersion")
            continue
        documents.setdefault(document["kind"], []).append((path.name, document))


def one(kind):
    found = documents.get(kind, [])
    if len(found) != 1:
        fail(f"expected exactly one {kind}, found {len(found)}")
        return None, {}
    return found[0]


def get(node, *keys, default=None):
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return default
        node = node[key]
    return node


_, kustomization = one("Kustomization")
resources = kustomization.get("resources", [])
for resource in resources:
    if not (folder / resource).is_file():
        fail(f"kustomization.yaml lists {resource}, which does not exist")
if "secret.example.yaml" in resources:
    fail("kustomization.yaml applies secret.example.yaml; real secrets are created apart")
for path in sorted(folder.glob("*.yaml")):
    if path.name not in resources + ["kustomization.yaml", "secret.example.yaml"]:
        fail(f"kustomization.yaml does not list {path.name}")

_, deployment = one("Deployment")
_, pvc = one("PersistentVolumeClaim")
_, secret = one("Secret")
_, config_map = one("ConfigMap")
_, service = one("Service")

if get(deployment, "spec", "replicas") != 1:
    fail("the Deployment must have replicas: 1 (SQLite has one writer)")
if get(deployment, "spec", "strategy", "type") != "Recreate":
    fail("the Deployment's strategy must be Recreate, so two pods never open the database")
if get(pvc, "spec", "accessModes") != ["ReadWriteOnce"]:
    fail("the PersistentVolumeClaim must be ReadWriteOnce")

pod = get(deployment, "spec", "template", "spec", default={})
if (get(pod, "terminationGracePeriodSeconds") or 30) < 20:
    fail("terminationGracePeriodSeconds is shorter than incidentd's ~15 s graceful stop")
containers = get(pod, "containers", default=[])
if len(containers) != 1:
    fail(f"expected one container, found {len(containers)}")
container = containers[0] if containers else {}

if get(pod, "securityContext", "runAsNonRoot") is not True and \
        get(container, "securityContext", "runAsNonRoot") is not True:
    fail("runAsNonRoot: true is not set")
seccomp = get(pod, "securityContext", "seccompProfile", "type") or \
    get(container, "securityContext", "seccompProfile", "type")
if seccomp != "RuntimeDefault":
    fail("seccompProfile type RuntimeDefault is not set")
if get(container, "securityContext", "readOnlyRootFilesystem") is not True:
    fail("the container's readOnlyRootFilesystem is not true")
if get(container, "securityContext", "allowPrivilegeEscalation") is not False:
    fail("the container's allowPrivilegeEscalation is not false")
if get(container, "securityContext", "capabilities", "drop") != ["ALL"]:
    fail("the container does not drop ALL capabilities")

ports = {p.get("name"): p.get("containerPort") for p in get(container, "ports", default=[])}


def port_number(port):
    return ports.get(port) if isinstance(port, str) else port


for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
    if get(container, probe, "httpGet", "path") != path:
        fail(f"the {probe} must GET {path}")
    if port_number(get(container, probe, "httpGet", "port")) != 3000:
        fail(f"the {probe} does not target port 3000")
for port in get(service, "spec", "ports", default=[]):
    if port_number(port.get("targetPort")) != 3000:
        fail("the Service does not target the container's port 3000")
selector = get(service, "spec", "selector", default={})
labels = get(deployment, "spec", "template", "metadata", "labels", default={})
if not selector or any(labels.get(k) != v for k, v in selector.items()):
    fail("the Service's selector does not match the pod's labels")

volumes = {v.get("name"): v for v in get(pod, "volumes", default=[])}
mounts = {m.get("mountPath"): m.get("name") for m in get(container, "volumeMounts", default=[])}
env = {e.get("name"): e.get("value") for e in get(container, "env", default=[])}


def volume_at(directory):
    return volumes.get(mounts.get(directory), {})


store_path = env.get("INCIDENTD_STORE_PATH")
if not store_path:
    fail("INCIDENTD_STORE_PATH is not set in the container's environment")
else:
    claim = get(volume_at(posixpath.dirname(store_path)), "persistentVolumeClaim", "claimName")
    if claim != get(pvc, "metadata", "name"):
        fail(f"the directory of INCIDENTD_STORE_PATH ({store_path}) is not the PVC's mount")

secret_keys = set(get(secret, "stringData", default={}))
for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
    if name in env:
        fail(f"{name} is set as a variable; mount the Secret and set {name}_FILE")
    path = env.get(name + "_FILE")
    if path is None:
        continue
    volume = volume_at(posixpath.dirname(path))
    if get(volume, "secret", "secretName") != get(secret, "metadata", "name"):
        fail(f"{name}_FILE ({path}) is not in the mounted Secret's directory")
    elif posixpath.basename(path) not in secret_keys:
        fail(f"{name}_FILE names {posixpath.basename(path)}, not a key of the example Secret")
if "SLACK_BOT_TOKEN_FILE" not in env:
    fail("SLACK_BOT_TOKEN_FILE is not set")
for key, value in get(secret, "stringData", default={}).items():
    if "REPLACE-ME" not in str(value):
        fail(f"secret.example.yaml: {key} holds something other than a REPLACE-ME placeholder")

args = get(container, "args", default=[])
config_path = args[args.index("--config") + 1] if "--config" in args[:-1] else env.get("INCIDENTD_CONFIG")
if not config_path:
    fail("the container is given no --config or INCIDENTD_CONFIG")
else:
    volume = volume_at(posixpath.dirname(config_path))
    data = get(config_map, "data", default={})
    if get(volume, "configMap", "name") != get(config_map, "metadata", "name"):
        fail(f"the config file {config_path} is not in the mounted ConfigMap's directory")
    elif posixpath.basename(config_path) not in data:
        fail(f"the ConfigMap has no key {posixpath.basename(config_path)}")
    else:
        toml_out.write_text(data[posixpath.basename(config_path)])

for problem in problems:
    print(f"check-kubernetes: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PYTHON

if [ -n "$binary" ]; then
  [ -x "$binary" ] || { echo "check-kubernetes: $binary is not an executable" >&2; exit 1; }
  binary=$(realpath "$binary")
  # The pod's environment, with throwaway secrets, so the check sees what the pod would load.
  printf 'xoxb-check\n' >"$scratch/slack-bot-token"
  printf 'check\n' >"$scratch/slack-signing-secret"
  if ! (cd "$scratch" && env -i PATH="$PATH" INCIDENTD_STORE_PATH="$scratch/incidentd.db" \
    SLACK_BOT_TOKEN_FILE="$scratch/slack-bot-token" \
    SLACK_SIGNING_SECRET_FILE="$scratch/slack-signing-secret" \
    "$binary" --config "$scratch/incidentd.toml" check-config >/dev/null); then
    echo "check-kubernetes: the ConfigMap's incidentd.toml is not a valid configuration" >&2
    exit 1
  fi
fi
# kustomize's own reading of the folder, when kubectl is at hand (schema validation needs a cluster).
if command -v kubectl >/dev/null; then
  kubectl kustomize "$manifests" >/dev/null || {
    echo "check-kubernetes: kubectl kustomize cannot build $manifests" >&2
    exit 1
  }
else
  echo "check-kubernetes: kubectl kustomize skipped: kubectl not on PATH (not packaged in Debian 12)"
fi
echo "check-kubernetes: ok: $(find "$manifests" -name '*.yaml' | wc -l) manifests in $manifests"
