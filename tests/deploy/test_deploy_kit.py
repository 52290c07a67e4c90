"""The deployment kit stays deployable: each file is checked by the tool its platform uses.

Offline, in seconds: compose files against the compose specification's schema, the CI workflow
and Dependabot configuration against GitHub's schemas (check-jsonschema's bundled copies), the
rendered Kubernetes overlays against the Kubernetes API schemas (kubectl's kustomize, then
kubernetes-validate), the Dockerfile with hadolint. Each check is also shown refusing a broken
copy, so a validator that stopped validating cannot pass silently.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from entrypoints.relay import RELAY_STOP_GRACE_SECONDS

REPO_ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent
KUBERNETES_VERSION = "1.33.0"
OVERLAYS = ("dev", "prod")
COMPOSE_FILES = ("compose.yaml", "compose.dev.yaml")


def run(tool: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the project's own tools on its own files
        [str(TOOLS / tool), *map(str, args)], capture_output=True, text=True, check=False
    )


def passes(tool: str, *args: str | Path) -> str:
    result = run(tool, *args)
    assert result.returncode == 0, f"{tool} refused it:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


# -- compose ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", COMPOSE_FILES)
def test_compose_files_follow_the_compose_specification(name: str) -> None:
    passes("check-jsonschema", "--builtin-schema", "vendor.compose-spec", REPO_ROOT / name)


def test_a_compose_file_with_a_mistake_is_refused(tmp_path: Path) -> None:
    compose = load(REPO_ROOT / "compose.yaml")
    compose["services"]["api"]["depends_on"]["migrate"]["condition"] = "service_finished"
    broken = tmp_path / "compose.yaml"
    broken.write_text(yaml.safe_dump(compose))

    result = run("check-jsonschema", "--builtin-schema", "vendor.compose-spec", broken)

    assert result.returncode != 0
    assert "service_finished" in result.stdout


def test_compose_runs_the_whole_stack_with_only_the_api_published_on_loopback() -> None:
    services = load(REPO_ROOT / "compose.yaml")["services"]

    assert set(services) == {"db", "redis", "rabbitmq", "migrate", "api", "worker"}
    published = {name for name, service in services.items() if "ports" in service}
    assert published == {"api"}
    assert all(port.startswith("127.0.0.1:") for port in services["api"]["ports"])
    assert services["api"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    assert services["migrate"]["command"] == ["migrate"]
    assert services["worker"]["command"] == ["worker"]
    long_running = {"db", "redis", "rabbitmq", "api", "worker"}
    assert all("healthcheck" in services[name] for name in long_running)
    assert not any("profiles" in service for service in services.values())


def test_compose_runs_broker_mode_the_api_publishing_and_the_worker_handling() -> None:
    services = load(REPO_ROOT / "compose.yaml")["services"]

    for name in ("api", "worker"):
        assert services[name]["environment"]["BROKER_URL"].startswith("amqp://"), name
    assert services["api"]["depends_on"]["rabbitmq"] == {"condition": "service_healthy"}
    assert services["worker"]["depends_on"]["rabbitmq"] == {"condition": "service_healthy"}


def test_compose_takes_every_secret_from_the_environment() -> None:
    services = load(REPO_ROOT / "compose.yaml")["services"]

    for name, service in services.items():
        environment = service.get("environment", {})
        assert "JWT_SECRET" not in environment, name
        for key, value in environment.items():
            if "PASSWORD" in key or "@" in str(value):
                assert "${" in str(value), f"{name}.{key} holds a literal credential"


# -- GitHub: workflow and Dependabot ---------------------------------------------------------


def test_the_ci_workflow_follows_githubs_schema_and_runs_make_test_and_the_image_smoke() -> None:
    workflow = REPO_ROOT / ".github" / "workflows" / "ci.yml"
    passes("check-jsonschema", "--builtin-schema", "vendor.github-workflows", workflow)

    jobs = load(workflow)["jobs"].values()
    steps = [step.get("run", "") for job in jobs for step in job["steps"]]
    assert "make test" in steps
    assert "make image-smoke" in steps
    assert "make deploy-check" in steps
    assert "make api-lint" in steps


def test_a_workflow_with_a_mistake_is_refused(tmp_path: Path) -> None:
    workflow = load(REPO_ROOT / ".github" / "workflows" / "ci.yml")
    del workflow["jobs"]["test"]["runs-on"]
    broken = tmp_path / "ci.yml"
    broken.write_text(yaml.safe_dump(workflow))

    result = run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", broken)

    assert result.returncode != 0


def test_dependabot_follows_githubs_schema_and_watches_every_ecosystem() -> None:
    config = REPO_ROOT / ".github" / "dependabot.yml"
    passes("check-jsonschema", "--builtin-schema", "vendor.dependabot", config)

    ecosystems = {update["package-ecosystem"] for update in load(config)["updates"]}
    assert ecosystems == {"uv", "npm", "docker", "github-actions"}


# -- Kubernetes ------------------------------------------------------------------------------


def render(directory: Path) -> list[dict[str, Any]]:
    rendered = passes("kubectl", "kustomize", directory)
    return [document for document in yaml.safe_load_all(rendered) if document]


def validate(documents: list[dict[str, Any]], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    manifest = tmp_path / "rendered.yaml"
    manifest.write_text(yaml.safe_dump_all(documents))
    return run("kubernetes-validate", "--strict", "-k", KUBERNETES_VERSION, manifest)


def pod_specs(documents: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every workload's pod template, by workload name (a CronJob's is inside its job's)."""
    specs = {}
    for document in documents:
        if document["kind"] in {"Deployment", "Job"}:
            specs[document["metadata"]["name"]] = document["spec"]["template"]["spec"]
        elif document["kind"] == "CronJob":
            job = document["spec"]["jobTemplate"]["spec"]
            specs[document["metadata"]["name"]] = job["template"]["spec"]
    return specs


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_overlay_renders_resources_the_kubernetes_api_accepts(
    overlay: str, tmp_path: Path
) -> None:
    documents = render(REPO_ROOT / "deploy" / "overlays" / overlay)

    result = validate(documents, tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    kinds = {document["kind"] for document in documents}
    assert {
        "Deployment",
        "Job",
        "Service",
        "Ingress",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "ConfigMap",
        "CronJob",
    } <= kinds
    assert "Secret" not in kinds


def test_an_overlay_with_a_mistake_is_refused(tmp_path: Path) -> None:
    shutil.copytree(REPO_ROOT / "deploy", tmp_path / "deploy")
    overlay = tmp_path / "deploy" / "overlays" / "prod" / "kustomization.yaml"
    kustomization = load(overlay)
    kustomization["patches"].append(
        {
            "target": {"kind": "Deployment", "name": "orderly-api"},
            "patch": "- op: add\n  path: /spec/template/spec/containers/0/livenesProbe\n"
            "  value: {httpGet: {path: /health/live, port: http}}\n",
        }
    )
    overlay.write_text(yaml.safe_dump(kustomization))

    result = validate(render(overlay.parent), tmp_path)

    assert result.returncode != 0
    assert "livenesProbe" in result.stdout + result.stderr


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_pod_runs_locked_down_with_limits(overlay: str) -> None:
    specs = pod_specs(render(REPO_ROOT / "deploy" / "overlays" / overlay))

    assert set(specs) == {"orderly-api", "orderly-migrate", "orderly-worker", "orderly-purge"}
    assert specs["orderly-worker"]["containers"][0]["args"] == ["worker"]
    for name, spec in specs.items():
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert spec["automountServiceAccountToken"] is False, name
        for container in spec["containers"]:
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, name
            assert context["readOnlyRootFilesystem"] is True, name
            assert context["capabilities"]["drop"] == ["ALL"], name
            assert container["resources"]["limits"]["memory"], name
            assert container["resources"]["requests"]["cpu"], name


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_api_is_probed_and_outlives_its_shutdown_timeout(overlay: str) -> None:
    documents = render(REPO_ROOT / "deploy" / "overlays" / overlay)
    api = pod_specs(documents)["orderly-api"]
    settings = next(d for d in documents if d["kind"] == "ConfigMap")["data"]
    container = api["containers"][0]

    assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    pause = container["lifecycle"]["preStop"]["sleep"]["seconds"]
    stop = int(settings["SHUTDOWN_TIMEOUT_SECONDS"]) + pause + RELAY_STOP_GRACE_SECONDS
    assert api["terminationGracePeriodSeconds"] > stop
    assert api["topologySpreadConstraints"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_workers_run_and_are_probed_on_their_own_port(overlay: str) -> None:
    documents = render(REPO_ROOT / "deploy" / "overlays" / overlay)
    workers = next(d for d in documents if d["metadata"]["name"] == "orderly-worker")
    settings = next(d for d in documents if d["kind"] == "ConfigMap")["data"]
    spec = workers["spec"]["template"]["spec"]
    container = spec["containers"][0]

    assert workers["spec"]["replicas"] >= 1
    assert container["ports"] == [{"name": "probes", "containerPort": 8001}]
    assert container["livenessProbe"]["httpGet"] == {"path": "/health/live", "port": "probes"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/health/ready", "port": "probes"}
    assert spec["terminationGracePeriodSeconds"] > int(settings["SHUTDOWN_TIMEOUT_SECONDS"])


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_purge_runs_daily_and_never_two_at_once(overlay: str) -> None:
    documents = render(REPO_ROOT / "deploy" / "overlays" / overlay)
    [purge] = [d for d in documents if d["kind"] == "CronJob"]
    job = purge["spec"]["jobTemplate"]["spec"]
    container = job["template"]["spec"]["containers"][0]

    assert purge["spec"]["concurrencyPolicy"] == "Forbid"
    minute, hour, *every_day = purge["spec"]["schedule"].split()
    assert minute.isdigit()
    assert hour.isdigit()
    assert every_day == ["*", "*", "*"]
    assert container["args"][0] == "purge"
    assert job["template"]["spec"]["restartPolicy"] == "Never"
    assert job["activeDeadlineSeconds"]


# -- Dockerfile ------------------------------------------------------------------------------


def test_the_dockerfile_passes_hadolint() -> None:
    passes("hadolint", REPO_ROOT / "Dockerfile")


def test_a_dockerfile_with_a_mistake_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "Dockerfile"
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    broken.write_text(dockerfile.replace("FROM ${PYTHON_IMAGE} AS runtime", "FROM python:latest"))

    result = run("hadolint", broken)

    assert result.returncode != 0
    assert "DL3007" in result.stdout


def test_the_image_runs_orderly_as_an_unprivileged_user() -> None:
    lines = [line.strip() for line in (REPO_ROOT / "Dockerfile").read_text().splitlines()]
    runtime = lines[lines.index("FROM ${PYTHON_IMAGE} AS runtime") :]

    user = next(line.split()[1] for line in reversed(runtime) if line.startswith("USER "))
    assert user.split(":")[0].isdigit()
    assert int(user.split(":")[0]) != 0
    assert 'ENTRYPOINT ["orderly"]' in runtime
    assert any(line.startswith('CMD ["serve"') for line in runtime)
    assert any(line.startswith("HEALTHCHECK") for line in runtime)
