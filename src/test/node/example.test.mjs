import assert from "node:assert/strict";
import { test } from "node:test";
import { loopbackTwilio, serverJar, startServer } from "./loopback.mjs";

// Application code under test: a worker takes the oldest reservation offered to it.
async function acceptOldest(client, workspaceSid, workerSid) {
  const reservations = client.taskrouter.v1.workspaces(workspaceSid).workers(workerSid)
    .reservations;
  const [oldest] = await reservations.list({ reservationStatus: "pending", limit: 1 });
  // Not oldest.update(): twilio-node 6.2 leaves a listed instance's sid out of its path.
  return oldest && reservations(oldest.sid).update({ reservationStatus: "accepted" });
}

test("acceptOldest accepts the oldest pending reservation", async (t) => {
  const server = await startServer(serverJar(), "--seed", "42", "--clock", "manual");
  t.after(server.stop);
  const post = (path, form) => fetch(server.origin + path, {
    method: "POST", body: new URLSearchParams(form) }).then((response) => response.json());
  const workspace = "WS" + "a".repeat(32);
  const alice = "WK" + "a".repeat(32);
  const offer = (task) => post("/__admin/Reservations", {
    WorkspaceSid: workspace, TaskSid: task, WorkerSid: alice, WorkerName: "Alice" });

  const older = await offer("WT" + "1".repeat(32));
  await post("/__admin/Clock", { Advance: "PT5S" });
  const newer = await offer("WT" + "2".repeat(32));

  const accepted = await acceptOldest(loopbackTwilio(server.origin), workspace, alice);

  assert.equal(accepted.sid, older.sid);
  assert.equal(accepted.reservationStatus, "accepted");
  const events = await fetch(`${server.origin}/__admin/Events?After=0`).then((r) => r.json());
  assert.deepEqual(events.events.map((e) => [e.type, e.reservation.sid]), [
    ["reservation.created", older.sid],
    ["reservation.created", newer.sid],
    ["reservation.accepted", older.sid],
  ]);
});
