"""The workflows cannot run here, so their logic lives in the CLI; this checks the wiring:
permissions, triggers, and that every `catalogue` command and option they call exists."""

from __future__ import annotations

import re
import shlex
from typing import Any

import click
import pytest
import yaml
from conftest import REPO

from generator.cli import cli
from generator.review.summary import MARKER

WORKFLOWS = REPO / ".github" / "workflows"


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def runs(workflow: dict[str, Any]) -> list[str]:
    return [
        step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step
    ]


def uses(workflow: dict[str, Any]) -> list[str]:
    return [
        step["uses"].split("@")[0]
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if "uses" in step
    ]


def catalogue_calls(text: str) -> list[list[str]]:
    """Every `catalogue ...` (or `$CHECKER ...`, the base branch's catalogue) command line."""
    calls = []
    for line in text.splitlines():
        found = re.search(r"(?:^|\s|/)(?:catalogue|\$CHECKER)\s+([a-z].*?)(?:\||$)", line.strip())
        if found:
            calls.append(shlex.split(found.group(1)))
    return calls


@pytest.mark.parametrize(
    "name", [*sorted(p.name for p in WORKFLOWS.glob("*.yml")), "../../.pre-commit-hooks.yaml"]
)
def test_every_catalogue_command_and_option_called_exists(name: str) -> None:
    if name.endswith("hooks.yaml"):
        text = "\n".join(hook["entry"] for hook in yaml.safe_load((WORKFLOWS / name).read_text("utf-8")))
    else:
        text = "\n".join(runs(load(name)))
    calls = catalogue_calls(text)
    assert calls or name == "comment.yml", f"{name} calls no catalogue command"
    for words in calls:
        command = cli.commands.get(words[0])
        assert isinstance(command, click.Command), f"{name}: no command `catalogue {words[0]}`"
        known = {opt for param in command.params for opt in getattr(param, "opts", [])}
        for word in words[1:]:
            if word.startswith("--"):
                assert word in known, f"{name}: `catalogue {words[0]}` has no option {word}"


def test_pull_request_checks_run_read_only_without_secrets() -> None:
    workflow = load("pull-request.yml")
    assert list(workflow["on"]) == ["pull_request"], (
        "never pull_request_target: that would hand secrets to fork code"
    )
    assert workflow["permissions"] == {"contents": "read"}
    text = (WORKFLOWS / "pull-request.yml").read_text("utf-8")
    assert "secrets." not in text
    commands = " ".join(runs(workflow))
    assert '$CHECKER validate --base "$BASE_SHA" --format github' in commands
    assert "$CHECKER codeowners --check" in commands
    assert '$CHECKER diff --base "$BASE_SHA" --format markdown' in commands
    assert "mkdocs build --strict" in commands
    assert "links" not in " ".join(w[0] for w in catalogue_calls(commands)), (
        "link health never blocks a pull request"
    )
    assert "actions/upload-artifact" in uses(workflow)


def test_the_comment_is_posted_once_by_a_workflow_that_runs_no_pull_request_code() -> None:
    workflow = load("comment.yml")
    assert workflow["on"] == {"workflow_run": {"workflows": ["Check pull request"], "types": ["completed"]}}
    assert workflow["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert "actions/checkout" not in uses(workflow) and not runs(workflow)
    script = (WORKFLOWS / "comment.yml").read_text("utf-8")
    assert MARKER in script and "updateComment" in script and "pr.head.sha !== process.env.HEAD_SHA" in script


def test_main_is_built_once_and_deployed_only_after_a_good_build() -> None:
    workflow = load("deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]} and "workflow_call" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "mkdocs build --strict" in " ".join(runs({"jobs": {"build": build}}))
    assert "actions/upload-pages-artifact" in uses({"jobs": {"build": build}})
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_links_are_checked_on_a_schedule_only() -> None:
    workflow = load("links.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    assert any(words[0] == "links" for words in catalogue_calls(" \n".join(runs(workflow))))
    assert workflow["jobs"]["publish"]["uses"] == "./.github/workflows/deploy.yml"


def test_pre_commit_hooks_expose_the_validator() -> None:
    hooks = {
        hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    }
    assert hooks["catalogue-validate"]["entry"] == "catalogue validate"
    assert re.match(hooks["catalogue-validate"]["files"], "catalogue/acme/courses/welding.yaml")
    assert not re.match(hooks["catalogue-validate"]["files"], "docs/index.md")


PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*\s*$")


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it(name: str) -> None:
    """A tag can be moved to other code by whoever controls the action; a commit cannot."""
    for line in (WORKFLOWS / name).read_text("utf-8").splitlines():
        if re.match(r"^\s*(?:-\s+)?uses:", line) and "uses: ./" not in line:
            assert PINNED.match(line), f"{name}: not pinned to a commit SHA with a version comment: {line}"


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_every_run_step_fails_when_any_command_of_a_pipe_fails(name: str) -> None:
    """GitHub's `shell: bash` is `bash -eo pipefail`; its default shell has no pipefail."""
    workflow = load(name)
    default = workflow.get("defaults", {}).get("run", {}).get("shell")
    for job in workflow["jobs"].values():
        job_default = job.get("defaults", {}).get("run", {}).get("shell", default)
        for step in job.get("steps", []):
            if "run" in step:
                shell = step.get("shell", job_default)
                assert shell == "bash" or "pipefail" in str(shell), f"{name}: {step.get('name', step['run'])}"
