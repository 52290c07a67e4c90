"""The dashboard, the alerts and their runbook stay in step with the metrics the service exports.

Grafana and Prometheus load these files long after they are written, on another machine, and a
typo there fails silently: a panel stays empty, an alert never fires. So, offline and without
either tool: the dashboard has the structure Grafana needs, the rule file the one Prometheus
requires, every PromQL expression is balanced and names only metrics the service exports (a
small tokenizer, below), and every alert's runbook link lands on a heading of the runbook.
Each check is also shown refusing a broken copy, so a check that stopped checking cannot pass
silently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = REPO_ROOT / "deploy/observability/grafana-dashboard.json"
ALERTS = REPO_ROOT / "deploy/observability/alerts.yaml"
RUNBOOK = "docs/observability-runbook.md"

# What the service exports (src/entrypoints), by the name given to prometheus_client.
KNOWN_METRICS = {
    "http_request_duration_seconds": "histogram",
    "http_requests_in_flight": "gauge",
    "orderly_db_pool_connections": "gauge",
    "orderly_outbox_backlog": "gauge",
    "orderly_outbox_delivery_lag_seconds": "gauge",
    "orderly_outbox_events": "counter",
    "orderly_rate_limit_refusals": "counter",
}
# What `orderly worker` exports besides (broker mode), on its own port.
WORKER_METRICS = {"orderly_worker_events": "counter"}
SUFFIXES = {"histogram": ("_bucket", "_count", "_sum"), "counter": ("_total",), "gauge": ("",)}
STANDARD_SERIES = frozenset({"up"})
EXPORTED_SERIES = STANDARD_SERIES | {
    name + suffix
    for name, kind in (KNOWN_METRICS | WORKER_METRICS).items()
    for suffix in SUFFIXES[kind]
}

EXPECTED_ALERTS = {
    "OrderlyHighErrorRate": "5m",
    "OrderlyHighLatencyP99": "10m",
    "OrderlyOutboxLagging": "5m",
    "OrderlyParkedEvents": "1m",
    "OrderlyWorkerParkedMessages": "1m",
    "OrderlyDbPoolSaturated": "5m",
    "OrderlyDown": "2m",
}

# -- a PromQL tokenizer ----------------------------------------------------------------------

AGGREGATIONS = frozenset(
    {"sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values"}
    | {"bottomk", "topk", "quantile", "limitk", "limit_ratio"}
)
FUNCTIONS = AGGREGATIONS | {
    *("abs", "absent", "absent_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min"),
    *("day_of_month", "day_of_week", "day_of_year", "days_in_month", "delta", "deriv", "exp"),
    *("floor", "histogram_avg", "histogram_count", "histogram_fraction", "histogram_quantile"),
    *("histogram_stddev", "histogram_stdvar", "histogram_sum", "hour", "idelta", "increase"),
    *("irate", "label_join", "label_replace", "ln", "log2", "log10", "minute", "month"),
    *("predict_linear", "rate", "resets", "round", "scalar", "sgn", "sort", "sort_desc"),
    *("sqrt", "time", "timestamp", "vector", "year", "start", "end"),
    *("avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time"),
    *("quantile_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time"),
    *("present_over_time", "mad_over_time"),
}
# Keywords followed by a parenthesised list of label names.
GROUPING = frozenset({"by", "without", "on", "ignoring", "group_left", "group_right"})
KEYWORDS = GROUPING | {"bool", "offset", "and", "or", "unless", "atan2", "inf", "nan"}
PAIRS = {")": "(", "]": "[", "}": "{"}
OPENERS = frozenset(PAIRS.values())

TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`)
    | (?P<number>[0-9][0-9a-zA-Z_.]*)  # numbers (0.99) and durations (5m) alike
    | (?P<operator>=~|!~|!=|==|<=|>=|[-+*/%^<>=,:@])
    | (?P<name>[a-zA-Z_][a-zA-Z0-9_:]*)
    | (?P<bracket>[()\[\]{}])
    """,
    re.VERBOSE,
)


class Token(NamedTuple):
    kind: str
    text: str
    position: int


def tokenize(expr: str) -> tuple[list[Token], list[str]]:
    """The expression's tokens (blanks dropped), and what could not be read as one."""
    tokens: list[Token] = []
    position = 0
    while position < len(expr):
        match = TOKEN.match(expr, position)
        if match is None:
            character = expr[position]
            kind = "unclosed quote" if character in "\"'`" else "unexpected character"
            return tokens, [f"{kind} {character!r} at {position}"]
        if match.lastgroup != "space":
            tokens.append(Token(str(match.lastgroup), match.group(), position))
        position = match.end()
    return tokens, []


def balance_problems(tokens: list[Token]) -> list[str]:
    open_brackets: list[Token] = []
    for token in tokens:
        if token.text in OPENERS:
            open_brackets.append(token)
        elif token.text in PAIRS and (
            not open_brackets or open_brackets.pop().text != PAIRS[token.text]
        ):
            return [f"unbalanced {token.text!r} at {token.position}"]
    return [f"unclosed {token.text!r} at {token.position}" for token in open_brackets]


def series_names(tokens: list[Token]) -> tuple[set[str], list[str]]:
    """The metric names an expression selects, and the calls of functions PromQL lacks.

    A name is a metric unless it is a function or a keyword, a label name inside `{...}`, or
    in the label list after `by`, `without`, `on`, `ignoring`, `group_left` or `group_right`.
    """
    names: set[str] = set()
    problems: list[str] = []
    in_selector = False
    in_label_list = False
    for index, token in enumerate(tokens):
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if token.text in {"{", "}"}:
            in_selector = token.text == "{"
        elif token.text == "(" and index and tokens[index - 1].text in GROUPING:
            in_label_list = True
        elif token.text == ")":
            in_label_list = False
        elif token.kind != "name" or in_selector or in_label_list:
            continue
        elif following == "(" and token.text not in FUNCTIONS | GROUPING:
            problems.append(f"unknown function {token.text!r} at {token.position}")
        elif token.text not in FUNCTIONS | KEYWORDS:
            names.add(token.text)
    return names, problems


def expression_problems(expr: str) -> list[str]:
    tokens, problems = tokenize(expr)
    problems += balance_problems(tokens)
    names, call_problems = series_names(tokens)
    unknown = sorted(names - EXPORTED_SERIES)
    return problems + call_problems + [f"unknown metric {name!r}" for name in unknown]


def metrics_not_shown(exprs: list[str]) -> set[str]:
    """The exported metrics none of the expressions selects, by any of their series."""
    shown = set().union(*(series_names(tokenize(expr)[0])[0] for expr in exprs))
    return {
        name
        for name, kind in (KNOWN_METRICS | WORKER_METRICS).items()
        if not any(name + suffix in shown for suffix in SUFFIXES[kind])
    }


# -- the dashboard ---------------------------------------------------------------------------


def load_dashboard() -> dict[str, Any]:
    dashboard: dict[str, Any] = json.loads(DASHBOARD.read_text())
    return dashboard


def all_panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    """Top-level panels, and those a collapsed row keeps inside it."""
    panels: list[dict[str, Any]] = []
    for panel in dashboard.get("panels", []):
        panels += [panel, *panel.get("panels", [])]
    return panels


def dashboard_problems(dashboard: dict[str, Any]) -> list[str]:
    problems = [
        f"{field} is {dashboard.get(field)!r}, not {wanted!r}"
        for field, wanted in {
            "schemaVersion": 39,
            "uid": "orderly-overview",
            "title": "orderly",
        }.items()
        if dashboard.get(field) != wanted
    ]
    variables = {var.get("name"): var for var in dashboard.get("templating", {}).get("list", [])}
    source = variables.get("datasource", {})
    if (source.get("type"), source.get("query")) != ("datasource", "prometheus"):
        problems.append("no `datasource` variable of type datasource for prometheus")
    if "job" not in variables:
        problems.append("no `job` variable")
    panels = all_panels(dashboard)
    ids = [panel.get("id") for panel in panels]
    problems += [f"panel id {i!r} is not unique" for i in set(ids) if ids.count(i) > 1]
    for panel in panels:
        problems += panel_problems(panel)
    return problems


def panel_problems(panel: dict[str, Any]) -> list[str]:
    name = f"panel {panel.get('id')!r}"
    if not panel.get("title"):
        return [f"{name} has no title"]
    if panel.get("type") == "row":
        return []
    problems = []
    if panel.get("datasource") != {"type": "prometheus", "uid": "${datasource}"}:
        problems.append(f"{name} does not query the `datasource` variable's Prometheus")
    if not any(target.get("expr") for target in panel.get("targets", [])):
        problems.append(f"{name} has no target with an `expr`")
    return problems


def dashboard_expressions() -> list[str]:
    return [
        target["expr"]
        for panel in all_panels(load_dashboard())
        for target in panel.get("targets", [])
    ]


# -- the rule file ---------------------------------------------------------------------------

DURATION = re.compile(r"^[0-9]+(ms|s|m|h|d|w|y)$")
GROUP_FIELDS = frozenset({"name", "interval", "limit", "query_offset", "labels", "rules"})
RULE_FIELDS = frozenset(
    {"alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations"}
)
ALERT_ANNOTATIONS = ("summary", "description", "runbook_url")


def load_rules() -> dict[str, Any]:
    rules: dict[str, Any] = yaml.safe_load(ALERTS.read_text())
    return rules


def alert_rules(rule_file: dict[str, Any]) -> list[dict[str, Any]]:
    return [rule for group in rule_file["groups"] for rule in group["rules"] if "alert" in rule]


def rule_file_problems(rule_file: object) -> list[str]:
    """What Prometheus would refuse to load (`promtool check rules`), checked without it."""
    if not isinstance(rule_file, dict) or not isinstance(rule_file.get("groups"), list):
        return ["no top-level `groups` list"]
    problems = []
    group_names: list[object] = []
    alert_names: list[object] = []
    for group in rule_file["groups"]:
        if not isinstance(group, dict) or not isinstance(group.get("rules"), list):
            problems.append(f"group {group!r} has no `rules` list")
            continue
        if not group.get("name"):
            problems.append("a group has no `name`")
        problems += [f"group field {field!r} is unknown" for field in group.keys() - GROUP_FIELDS]
        group_names.append(group.get("name"))
        for rule in group["rules"]:
            if not isinstance(rule, dict):
                problems.append(f"rule {rule!r} is not a mapping")
                continue
            problems += rule_problems(rule)
            if "alert" in rule:
                alert_names.append(rule["alert"])
    for kind, names in (("group", group_names), ("alert", alert_names)):
        problems += [f"{kind} {name!r} is repeated" for name in set(names) if names.count(name) > 1]
    return problems


def rule_problems(rule: dict[str, Any]) -> list[str]:
    name = rule.get("alert", rule.get("record"))
    problems = [f"rule {name!r}: field {field!r} is unknown" for field in rule.keys() - RULE_FIELDS]
    if ("alert" in rule) == ("record" in rule):
        problems.append(f"rule {name!r} needs exactly one of `alert` and `record`")
    if not isinstance(rule.get("expr"), str) or not rule["expr"].strip():
        problems.append(f"rule {name!r} has no `expr`")
    if "record" in rule:
        forbidden = ("for", "keep_firing_for", "annotations")
        return problems + [
            f"recording rule {name!r} has {field!r}" for field in forbidden if field in rule
        ]
    problems += [
        f"alert {name!r}: `{field}` {rule[field]!r} is not a duration"
        for field in ("for", "keep_firing_for")
        if field in rule and not DURATION.match(str(rule[field]))
    ]
    if "for" not in rule:
        problems.append(f"alert {name!r} has no `for`")
    for field in ("labels", "annotations"):
        mapping = rule.get(field, {})
        if not isinstance(mapping, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in mapping.items()
        ):
            problems.append(f"alert {name!r}: `{field}` must map strings to strings")
    return problems


# -- the runbook -----------------------------------------------------------------------------


def github_anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def runbook_anchors() -> set[str]:
    text = (REPO_ROOT / RUNBOOK).read_text()
    return {github_anchor(heading) for heading in re.findall(r"^#{1,6} (.+)$", text, re.M)}


def runbook_link_problems(rule_file: dict[str, Any], anchors: set[str]) -> list[str]:
    problems = []
    for rule in alert_rules(rule_file):
        link = rule.get("annotations", {}).get("runbook_url", "")
        path, _, anchor = link.partition("#")
        if path != RUNBOOK or anchor not in anchors:
            problems.append(f"alert {rule['alert']!r}: {link!r} is no heading of {RUNBOOK}")
    return problems


# -- the files as they are -------------------------------------------------------------------


def test_the_dashboard_has_what_grafana_needs() -> None:
    assert dashboard_problems(load_dashboard()) == []


def test_the_rule_file_has_the_structure_prometheus_requires() -> None:
    assert rule_file_problems(load_rules()) == []


def test_the_alerts_are_the_documented_ones_each_with_severity_and_annotations() -> None:
    alerts = alert_rules(load_rules())

    assert {alert["alert"]: alert["for"] for alert in alerts} == EXPECTED_ALERTS
    for alert in alerts:
        assert alert["labels"]["severity"] in {"warning", "critical"}
        assert all(alert["annotations"].get(field) for field in ALERT_ANNOTATIONS)


@pytest.mark.parametrize(
    "expr",
    [
        *[
            pytest.param(expr, id=f"dashboard-{i}")
            for i, expr in enumerate(dashboard_expressions())
        ],
        *[pytest.param(rule["expr"], id=rule["alert"]) for rule in alert_rules(load_rules())],
    ],
)
def test_each_expression_is_balanced_and_uses_only_exported_metrics(expr: str) -> None:
    assert expression_problems(expr) == []


def test_every_exported_metric_is_on_the_dashboard() -> None:
    assert metrics_not_shown(dashboard_expressions()) == set()


def test_every_alert_links_a_heading_of_the_runbook() -> None:
    assert runbook_link_problems(load_rules(), runbook_anchors()) == []


# -- each check refuses a broken copy --------------------------------------------------------


def test_the_tokenizer_reads_metrics_apart_from_functions_labels_and_keywords() -> None:
    tokens, problems = tokenize(
        'sum by (route, le) (rate(a_total{job=~"x|y", le="+Inf"}[5m:1m] offset 1h))'
        " / on (route) group_left (le) max without (pool) (b) > bool 0.5"
    )

    assert problems == []
    assert series_names(tokens) == ({"a_total", "b"}, [])


@pytest.mark.parametrize(
    ("expr", "problem"),
    [
        ("sum(rate(up[5m])", "unclosed '('"),
        ("rate(up[5m)]", "unbalanced ')'"),
        ('up{job="orderly"', "unclosed '{'"),
        ('up{job="orderly}', "unclosed quote"),
        ("sum(up))", "unbalanced ')'"),
    ],
)
def test_an_unbalanced_expression_is_refused(expr: str, problem: str) -> None:
    assert any(problem in found for found in expression_problems(expr))


@pytest.mark.parametrize(
    ("expr", "problem"),
    [
        ("rate(orderly_outbox_events[5m])", "unknown metric 'orderly_outbox_events'"),
        ("sum by (job) (http_requests_in_flights)", "unknown metric 'http_requests_in_flights'"),
        ("rat(orderly_outbox_events_total[5m])", "unknown function 'rat'"),
        ("orderly_outbox_backlog > $threshold", "unexpected character '$'"),
    ],
)
def test_an_expression_naming_an_unknown_metric_or_function_is_refused(
    expr: str, problem: str
) -> None:
    assert any(problem in found for found in expression_problems(expr))


def test_a_rule_without_expr_is_refused() -> None:
    rule_file = load_rules()
    del rule_file["groups"][0]["rules"][0]["expr"]

    assert rule_file_problems(rule_file) == ["rule 'OrderlyHighErrorRate' has no `expr`"]


@pytest.mark.parametrize("duration", ["5 minutes", "5", "1.5m", "5M", "-5m"])
def test_a_bad_for_duration_is_refused(duration: str) -> None:
    rule_file = load_rules()
    rule_file["groups"][0]["rules"][0]["for"] = duration

    assert rule_file_problems(rule_file) == [
        f"alert 'OrderlyHighErrorRate': `for` {duration!r} is not a duration"
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda f: f.pop("groups"), "no top-level `groups` list"),
        (lambda f: f["groups"][0].pop("name"), "a group has no `name`"),
        (lambda f: f["groups"][0]["rules"][0].update(record="x"), "exactly one of `alert`"),
        (lambda f: f["groups"][0]["rules"][1].update(alert="OrderlyDown"), "is repeated"),
        (lambda f: f["groups"][0]["rules"][0]["labels"].update(page=True), "strings to strings"),
        (lambda f: f["groups"][0]["rules"][0].update(severity="x"), "'severity' is unknown"),
        (
            lambda f: f["groups"][0]["rules"].append({"record": "r", "expr": "up", "for": "1m"}),
            "recording rule 'r' has 'for'",
        ),
    ],
)
def test_a_rule_file_prometheus_would_refuse_is_refused(
    change: Callable[[Any], object], problem: str
) -> None:
    rule_file = load_rules()
    change(rule_file)

    assert any(problem in found for found in rule_file_problems(rule_file))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d["panels"][2].update(id=2), "panel id 2 is not unique"),
        (lambda d: d["panels"][1].pop("title"), "has no title"),
        (lambda d: d["panels"][1].pop("datasource"), "does not query"),
        (lambda d: d["panels"][1]["targets"][0].pop("expr"), "has no target with an `expr`"),
        (lambda d: d["templating"]["list"].pop(0), "no `datasource` variable"),
        (lambda d: d.update(schemaVersion=38), "schemaVersion is 38"),
    ],
)
def test_a_dashboard_grafana_would_mishandle_is_refused(
    change: Callable[[Any], object], problem: str
) -> None:
    dashboard = load_dashboard()
    change(dashboard)

    assert any(problem in found for found in dashboard_problems(dashboard))


def test_a_dashboard_without_a_metric_is_refused() -> None:
    exprs = [expr for expr in dashboard_expressions() if "orderly_outbox_backlog" not in expr]

    assert metrics_not_shown(exprs) == {"orderly_outbox_backlog"}


def test_a_runbook_link_without_its_heading_is_refused() -> None:
    rule_file = load_rules()

    problems = runbook_link_problems(rule_file, runbook_anchors() - {"orderlydown"})

    assert problems == [f"alert 'OrderlyDown': '{RUNBOOK}#orderlydown' is no heading of {RUNBOOK}"]


def test_anchors_follow_githubs_rules() -> None:
    assert github_anchor("OrderlyHighErrorRate") == "orderlyhigherrorrate"
    assert github_anchor("What to do: the DB pool (write)") == "what-to-do-the-db-pool-write"
