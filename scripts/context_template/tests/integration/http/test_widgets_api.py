"""The widgets context over HTTP: status codes, representations, conditional requests."""

import httpx

from tests.helpers import assert_problem

WIDGETS = "/api/v1/widgets"
MISSING = "01a20d62-bb28-759d-a962-d3ba4112abd4"


async def test_creating_a_widget_answers_201_with_location_and_etag(
    staff: httpx.AsyncClient,
) -> None:
    response = await staff.post(WIDGETS, json={"name": "  First  "})
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"{WIDGETS}/{body['id']}"
    assert response.headers["etag"] == '"1"'
    assert (body["name"], body["status"], body["version"]) == ("First", "open", 1)
    fetched = await staff.get(response.headers["location"])
    assert fetched.status_code == 200
    assert fetched.json() == body


async def test_a_create_retried_with_its_idempotency_key_is_replayed(
    staff: httpx.AsyncClient,
) -> None:
    headers = {"Idempotency-Key": "create-first"}
    first = await staff.post(WIDGETS, json={"name": "First"}, headers=headers)
    again = await staff.post(WIDGETS, json={"name": "First"}, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert len((await staff.get(WIDGETS)).json()["items"]) == 1


async def test_who_may_do_what(client: httpx.AsyncClient, customer: httpx.AsyncClient) -> None:
    assert_problem(await client.get(WIDGETS), 401, "not_authenticated")
    assert_problem(await customer.post(WIDGETS, json={"name": "Mine"}), 403, "forbidden")
    assert (await customer.get(WIDGETS)).status_code == 200


async def test_invalid_input_and_a_missing_widget_are_problems(staff: httpx.AsyncClient) -> None:
    problem = assert_problem(await staff.post(WIDGETS, json={"name": ""}), 422, "validation_error")
    assert problem["errors"][0]["pointer"] == "/name"
    assert_problem(await staff.get(f"{WIDGETS}/{MISSING}"), 404, "widget_not_found")
    assert_problem(await staff.post(f"{WIDGETS}/{MISSING}/close"), 404, "widget_not_found")


async def test_closing_needs_the_current_etag_and_happens_once(staff: httpx.AsyncClient) -> None:
    created = (await staff.post(WIDGETS, json={"name": "First"})).json()
    close = f"{WIDGETS}/{created['id']}/close"
    assert_problem(await staff.post(close, headers={"If-Match": '"7"'}), 412, "precondition_failed")
    closed = await staff.post(close, headers={"If-Match": '"1"'})
    assert closed.status_code == 200, closed.text
    assert closed.headers["etag"] == '"2"'
    assert closed.json()["status"] == "closed"
    assert_problem(await staff.post(close), 409, "invalid_widget_state")


async def test_pages_link_to_the_next_and_filter_by_status(staff: httpx.AsyncClient) -> None:
    ids = [(await staff.post(WIDGETS, json={"name": f"W{n}"})).json()["id"] for n in range(3)]
    assert (await staff.post(f"{WIDGETS}/{ids[0]}/close")).status_code == 200
    first = await staff.get(WIDGETS, params={"limit": 2})
    assert "link" in first.headers
    cursor = first.json()["next_cursor"]
    rest = await staff.get(WIDGETS, params={"limit": 2, "cursor": cursor})
    listed = [item["id"] for item in [*first.json()["items"], *rest.json()["items"]]]
    assert listed == ids[::-1]
    closed = await staff.get(WIDGETS, params={"status": "closed"})
    assert [item["id"] for item in closed.json()["items"]] == [ids[0]]
    tampered = await staff.get(WIDGETS, params={"cursor": cursor[:-2] + "xx"})
    assert_problem(tampered, 400, "invalid_cursor")
