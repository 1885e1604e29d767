// twilio-node 6 against the runnable server jar: every Reservation endpoint, on the Task path
// and on the Worker path, the error codes, and the /__admin/ control endpoints.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import twilio from "twilio";
import { LoopbackRequestClient, serverJar, startServer } from "./loopback.mjs";

const WS = "WS" + "0a".repeat(16);
const TASKS = ["WT" + "01".repeat(16), "WT" + "02".repeat(16), "WT" + "03".repeat(16)];
const WORKERS = ["WK" + "0a".repeat(16), "WK" + "0b".repeat(16), "WK" + "0c".repeat(16),
  "WK" + "0d".repeat(16)];
const NAMES = ["Alice", "Bob", "Carol", "Dan"];
const UNKNOWN_RESERVATION = "WR" + "f".repeat(32);

// Remembers the URL of every request, so a test can count the pages a walk fetched.
class RecordingClient extends LoopbackRequestClient {
  constructor(origin) {
    super(origin);
    this.uris = [];
  }

  request(opts) {
    this.uris.push(opts.uri);
    return super.request(opts);
  }
}

let server;
let http;
let client;
let workspace;
// The expected state, in creation order: { sid, task, worker, name, status }.
const model = [];

async function admin(method, path, form) {
  const response = await fetch(server.origin + path, {
    method,
    body: form === undefined ? undefined : new URLSearchParams(form),
  });
  assert.match(response.headers.get("content-type"), /^application\/json/, path);
  return { status: response.status, body: await response.json() };
}

async function seed(task, worker, timeout) {
  const form = { WorkspaceSid: WS, TaskSid: TASKS[task], WorkerSid: WORKERS[worker],
    WorkerName: NAMES[worker] };
  if (timeout !== undefined) {
    form.Timeout = String(timeout);
  }
  const { status, body } = await admin("POST", "/__admin/Reservations", form);
  assert.equal(status, 201, JSON.stringify(body));
  assert.equal(body.reservation_status, "pending");
  assert.equal(body.task_sid, TASKS[task]);
  assert.equal(body.worker_sid, WORKERS[worker]);
  model.push({ sid: body.sid, task: TASKS[task], worker: WORKERS[worker], name: NAMES[worker],
    status: "pending" });
  // One second between creations, so list order (date_created, then sid) is creation order.
  assert.equal((await admin("POST", "/__admin/Clock", { Advance: "PT1S" })).status, 200);
  return body;
}

function expected(filter) {
  return model.filter((r) => (filter.task === undefined || r.task === filter.task)
      && (filter.worker === undefined || r.worker === filter.worker)
      && (filter.status === undefined || r.status === filter.status)).map((r) => r.sid);
}

function setStatus(sid, status) {
  model.find((r) => r.sid === sid).status = status;
}

async function assertRestException(promise, status, code) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof twilio.RestException, `not a RestException: ${error}`);
    assert.equal(error.status, status, error.message);
    assert.equal(error.code, code, error.message);
    assert.equal(error.moreInfo, `https://www.twilio.com/docs/errors/${code}`);
    assert.equal(typeof error.message, "string");
    assert.ok(error.message.length > 0);
    return true;
  });
}

before(async () => {
  delete process.env.TWILIO_EDGE;
  delete process.env.TWILIO_REGION;
  server = await startServer(serverJar(), "--seed", "7", "--clock", "manual", "--timeout", "600");
  http = new RecordingClient(server.origin);
  client = twilio("AC" + "0".repeat(32), "any-token", { httpClient: http });
  workspace = client.taskrouter.v1.workspaces(WS);

  // Task 0: four workers; worker 1 accepts, so the other three are rescinded.
  for (let worker = 0; worker < 4; worker++) {
    await seed(0, worker);
  }
  // Task 1: three workers; worker 0 rejects, the others stay pending.
  for (let worker = 0; worker < 3; worker++) {
    await seed(1, worker);
  }
  // Task 2: two workers, canceled through the admin endpoint.
  await seed(2, 0);
  await seed(2, 3);

  const accepted = await workspace.tasks(TASKS[0]).reservations(model[1].sid)
    .update({ reservationStatus: "accepted" });
  assert.equal(accepted.reservationStatus, "accepted");
  setStatus(model[1].sid, "accepted");
  for (const i of [0, 2, 3]) {
    setStatus(model[i].sid, "rescinded");
  }
  const rejected = await workspace.workers(WORKERS[0]).reservations(model[4].sid)
    .update({ reservationStatus: "rejected" });
  assert.equal(rejected.reservationStatus, "rejected");
  setStatus(model[4].sid, "rejected");
  const canceled = await admin("POST", `/__admin/Tasks/${TASKS[2]}/Cancel`);
  assert.equal(canceled.status, 200, JSON.stringify(canceled.body));
  assert.deepEqual(canceled.body.reservations.map((r) => r.sid).sort(),
    [model[7].sid, model[8].sid].sort());
  for (const r of canceled.body.reservations) {
    assert.equal(r.reservation_status, "canceled");
    setStatus(r.sid, "canceled");
  }
});

after(async () => {
  if (server !== undefined) {
    const { code, signal } = await server.stop();
    assert.ok(signal === "SIGTERM" || code === 0 || code === 143, `exit ${code} ${signal}`);
  }
});

const PAGE_SIZES = [1, 2, 50];
const STATUSES = [undefined, "pending", "accepted", "rejected", "rescinded", "canceled",
  "timeout"];

describe("Task path lists", () => {
  test("list() walks every filter at page sizes 1, 2 and 50", async () => {
    for (const task of TASKS) {
      for (const status of STATUSES) {
        for (const worker of [undefined, ...WORKERS]) {
          const want = expected({ task, status, worker });
          for (const pageSize of PAGE_SIZES) {
            const before = http.uris.length;
            const got = await workspace.tasks(task).reservations.list({
              reservationStatus: status, workerSid: worker, pageSize });
            assert.deepEqual(got.map((r) => r.sid), want,
              `task ${task} status ${status} worker ${worker} page size ${pageSize}`);
            for (const r of got) {
              assert.equal(r.taskSid, task);
            }
            // One request per full page, and one for the last (possibly empty) page at most.
            const requests = http.uris.length - before;
            assert.ok(requests >= Math.max(1, Math.ceil(want.length / pageSize))
              && requests <= Math.floor(want.length / pageSize) + 1, `${requests} requests`);
          }
        }
      }
    }
  });

  test("each() and limit stop early", async () => {
    const want = expected({ task: TASKS[0] });
    const seen = [];
    await workspace.tasks(TASKS[0]).reservations.each({ pageSize: 1, limit: 3 }, (r) => {
      seen.push(r.sid);
    });
    assert.deepEqual(seen, want.slice(0, 3));
    const limited = await workspace.tasks(TASKS[0]).reservations.list({ limit: 2 });
    assert.deepEqual(limited.map((r) => r.sid), want.slice(0, 2));
  });

  test("page() carries absolute loopback meta URLs with the filters and PageSize", async () => {
    const want = expected({ task: TASKS[1], status: "pending" });
    assert.equal(want.length, 2);
    const first = await workspace.tasks(TASKS[1]).reservations
      .page({ reservationStatus: "pending", pageSize: 1 });
    assert.deepEqual(first.instances.map((r) => r.sid), want.slice(0, 1));
    const next = new URL(first.nextPageUrl);
    assert.equal(next.origin, server.origin);
    assert.equal(next.pathname, `/v1/Workspaces/${WS}/Tasks/${TASKS[1]}/Reservations`);
    assert.equal(next.searchParams.get("ReservationStatus"), "pending");
    assert.equal(next.searchParams.get("PageSize"), "1");
    assert.match(next.searchParams.get("PageToken"), /^PA/);
    const second = await first.nextPage();
    assert.deepEqual(second.instances.map((r) => r.sid), want.slice(1, 2));
    const previous = await second.previousPage();
    assert.deepEqual(previous.instances.map((r) => r.sid), want.slice(0, 1));
  });
});

describe("Worker path lists", () => {
  test("list() walks every status filter at page sizes 1, 2 and 50", async () => {
    for (const worker of WORKERS) {
      for (const status of STATUSES) {
        const want = expected({ worker, status });
        for (const pageSize of PAGE_SIZES) {
          const got = await workspace.workers(worker).reservations.list({
            reservationStatus: status, pageSize });
          assert.deepEqual(got.map((r) => r.sid), want,
            `worker ${worker} status ${status} page size ${pageSize}`);
          for (const r of got) {
            assert.equal(r.workerSid, worker);
          }
        }
      }
    }
  });
});

describe("fetch and update", () => {
  test("fetch returns the reservation on both paths, with an ETag", async () => {
    for (const r of model) {
      const byTask = await workspace.tasks(r.task).reservations(r.sid).fetchWithHttpInfo();
      assert.equal(byTask.statusCode, 200);
      assert.ok(byTask.headers.etag, "ETag header");
      const reservation = byTask.body;
      assert.equal(reservation.sid, r.sid);
      assert.equal(reservation.taskSid, r.task);
      assert.equal(reservation.workerSid, r.worker);
      assert.equal(reservation.workerName, r.name);
      assert.equal(reservation.workspaceSid, WS);
      assert.equal(reservation.reservationStatus, r.status);
      assert.match(reservation.accountSid, /^AC[0-9a-f]{32}$/);
      assert.ok(reservation.dateCreated instanceof Date && !isNaN(reservation.dateCreated));
      assert.equal(reservation.url,
        `${server.origin}/v1/Workspaces/${WS}/Tasks/${r.task}/Reservations/${r.sid}`);

      const byWorker = await workspace.workers(r.worker).reservations(r.sid).fetch();
      assert.equal(byWorker.sid, r.sid);
      assert.equal(byWorker.reservationStatus, r.status);
      assert.equal(byWorker.url,
        `${server.origin}/v1/Workspaces/${WS}/Workers/${r.worker}/Reservations/${r.sid}`);
    }
  });

  test("update with ifMatch moves the reservation, a stale ifMatch gets 412/20412",
    async () => {
      const r = model[5]; // task 1, worker 1, pending
      assert.equal(r.status, "pending");
      const context = workspace.tasks(r.task).reservations(r.sid);
      const etag = (await context.fetchWithHttpInfo()).headers.etag;
      const moved = await context.updateWithHttpInfo({ reservationStatus: "accepted",
        ifMatch: etag });
      assert.equal(moved.statusCode, 200);
      assert.equal(moved.body.reservationStatus, "accepted");
      assert.ok(moved.headers.etag);
      assert.notEqual(moved.headers.etag, etag);
      setStatus(r.sid, "accepted");
      setStatus(model[6].sid, "rescinded");

      await assertRestException(
        workspace.workers(r.worker).reservations(r.sid)
          .update({ reservationStatus: "wrapping", ifMatch: etag }), 412, 20412);
      assert.equal((await context.fetch()).reservationStatus, "accepted");

      const wrapped = await workspace.workers(r.worker).reservations(r.sid)
        .update({ reservationStatus: "wrapping", ifMatch: moved.headers.etag });
      assert.equal(wrapped.reservationStatus, "wrapping");
      const completed = await context.update({ reservationStatus: "completed" });
      assert.equal(completed.reservationStatus, "completed");
      setStatus(r.sid, "completed");
      const history = await workspace.workers(r.worker).reservations
        .list({ reservationStatus: "completed" });
      assert.deepEqual(history.map((x) => x.sid), [r.sid]);
    });
});

describe("errors", () => {
  test("an unknown sid, or one under another task or worker, is 404/20404", async () => {
    await assertRestException(
      workspace.tasks(TASKS[0]).reservations(UNKNOWN_RESERVATION).fetch(), 404, 20404);
    await assertRestException(
      workspace.tasks(TASKS[1]).reservations(model[0].sid).fetch(), 404, 20404);
    await assertRestException(
      workspace.workers(WORKERS[2]).reservations(model[0].sid).fetch(), 404, 20404);
    await assertRestException(
      workspace.workers(WORKERS[2]).reservations(model[0].sid)
        .update({ reservationStatus: "accepted" }), 404, 20404);
  });

  test("a page size over 1000 is 400/20007", async () => {
    await assertRestException(
      workspace.tasks(TASKS[0]).reservations.page({ pageSize: 1001 }), 400, 20007);
  });

  test("a garbled page token is 400/21481", async () => {
    await assertRestException(
      workspace.tasks(TASKS[0]).reservations.page({ pageToken: "PAgarbage" }), 400, 21481);
    await assertRestException(
      workspace.workers(WORKERS[0]).reservations.page({ pageToken: "nonsense" }), 400, 21481);
  });

  test("an illegal move is 20409 and changes nothing", async () => {
    const r = model[4]; // rejected
    await assertRestException(
      workspace.tasks(r.task).reservations(r.sid).update({ reservationStatus: "accepted" }),
      409, 20409);
    assert.equal((await workspace.tasks(r.task).reservations(r.sid).fetch()).reservationStatus,
      "rejected");
  });

  test("a bad status is 400/20001", async () => {
    await assertRestException(
      workspace.tasks(TASKS[0]).reservations.list({ reservationStatus: "asleep" }), 400, 20001);
    await assertRestException(
      workspace.tasks(TASKS[0]).reservations(model[0].sid).update({ reservationStatus: "asleep" }),
      400, 20001);
  });

  test("a wrong method is 405/20004 as TaskRouter's JSON", async () => {
    const { status, body } = await admin("DELETE",
      `/v1/Workspaces/${WS}/Tasks/${TASKS[0]}/Reservations/${model[0].sid}`);
    assert.equal(status, 405);
    assert.deepEqual({ code: body.code, status: body.status, more_info: body.more_info },
      { code: 20004, status: 405, more_info: "https://www.twilio.com/docs/errors/20004" });
  });
});

describe("admin endpoints", () => {
  test("a manual clock times a pending reservation out, and Events tell it", async () => {
    const start = (await admin("GET", "/__admin/Events?After=0")).body;
    const last = start.events.at(-1).sequence;
    // Task 1's worker 2 is pending; a new task with a 30 s timeout.
    const created = await admin("POST", "/__admin/Reservations", { WorkspaceSid: WS,
      TaskSid: "WT" + "04".repeat(16), WorkerSid: WORKERS[3], WorkerName: "Dan",
      Timeout: "30" });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const sid = created.body.sid;

    const before = await admin("POST", "/__admin/Clock", { Advance: "PT29S" });
    assert.equal(before.status, 200);
    assert.equal(typeof before.body.now, "string");
    assert.equal((await workspace.workers(WORKERS[3]).reservations(sid).fetch())
      .reservationStatus, "pending");
    const now = new Date(Date.parse(before.body.now) + 1000).toISOString();
    const at = await admin("POST", "/__admin/Clock", { Now: now });
    assert.equal(at.status, 200, JSON.stringify(at.body));
    assert.equal(Date.parse(at.body.now), Date.parse(now));
    const timedOut = await workspace.workers(WORKERS[3]).reservations(sid).fetch();
    assert.equal(timedOut.reservationStatus, "timeout");

    const events = (await admin("GET", `/__admin/Events?After=${last}`)).body.events;
    assert.deepEqual(events.map((e) => [e.type, e.reservation.sid]),
      [["reservation.created", sid], ["reservation.timeout", sid]]);
    assert.ok(events[0].sequence > last && events[1].sequence > events[0].sequence);
    assert.equal(events[1].previous_status, "pending");
    assert.equal(events[1].reservation.reservation_status, "timeout");
  });

  test("Events list every change since the start in commit order", async () => {
    const { status, body } = await admin("GET", "/__admin/Events?After=0");
    assert.equal(status, 200);
    const counts = {};
    for (const e of body.events) {
      counts[e.type] = (counts[e.type] ?? 0) + 1;
    }
    // The before() hook's nine, then the update test's, then the timeout test's.
    assert.deepEqual(counts, {
      "reservation.created": 10,
      "reservation.accepted": 2,
      "reservation.rescinded": 4,
      "reservation.rejected": 1,
      "reservation.canceled": 2,
      "reservation.wrapup": 1,
      "reservation.completed": 1,
      "reservation.timeout": 1,
    });
    const sequences = body.events.map((e) => e.sequence);
    assert.deepEqual(sequences, [...sequences].sort((a, b) => a - b));
    assert.equal(new Set(sequences).size, sequences.length);
  });

  test("admin misuse is a 4xx with TaskRouter's error JSON", async () => {
    const missing = await admin("POST", "/__admin/Reservations", { WorkspaceSid: WS });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.status, 400);
    assert.equal(typeof missing.body.code, "number");
    const badClock = await admin("POST", "/__admin/Clock", { Advance: "soon" });
    assert.equal(badClock.status, 400);
    assert.equal(badClock.body.status, 400);
    const assigned = await admin("POST", `/__admin/Tasks/${TASKS[0]}/Cancel`);
    assert.deepEqual([assigned.status, assigned.body.status, assigned.body.code],
      [409, 409, 20409]);
    const wrongKind = await admin("POST", `/__admin/Tasks/${WORKERS[0]}/Cancel`);
    assert.deepEqual([wrongKind.status, wrongKind.body.code], [404, 20404]);
    const unknown = await admin("POST", `/__admin/Tasks/${"WT" + "ee".repeat(16)}/Cancel`);
    assert.deepEqual([unknown.status, unknown.body], [200, { reservations: [] }]);
  });
});
