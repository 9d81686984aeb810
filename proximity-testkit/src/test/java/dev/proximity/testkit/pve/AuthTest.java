package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.testkit.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthTest extends SimTestBase {
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  void startWithUsers() {
    startSim(builder().clock(clock)
        .user("alice@pve", "alice-pw").acl("/", "alice@pve", "PVEAdmin")
        .token("alice@pve!sep", "sep-secret", true)
        .token("alice@pve!sep2", "sep2-secret", true).acl("/vms", "alice@pve!sep2", "PVEVMAdmin")
        .acl("/storage", "alice@pve!sep2", "PVEDatastoreUser")
        .token("alice@pve!full", "full-secret", false));
  }

  @Test
  void login_returnsTicketAndCsrf_andWritesNeedCsrf() {
    startWithUsers();
    SimClient c = new SimClient(sim);
    SimClient.Resp login = c.post("/access/ticket", "username", "root@pam", "password", "proximity");
    assertThat(login.status()).isEqualTo(200);
    JsonNode d = login.data();
    assertThat(d.get("username").asText()).isEqualTo("root@pam");
    assertThat(d.get("ticket").asText()).startsWith("PVE:root@pam:");
    assertThat(d.get("CSRFPreventionToken").asText()).matches("[0-9A-F]{8}:.+");
    c.useTicket(d.get("ticket").asText(), d.get("CSRFPreventionToken").asText());
    assertThat(c.get("/version").data().get("version").asText()).isEqualTo("9.1.1");
    assertThat(create(c, "pve", 101).status()).isEqualTo(200);

    c.dropCsrf();
    assertThat(c.get("/nodes").status()).isEqualTo(200);
    SimClient.Resp noCsrf = c.post("/nodes/pve/lxc/101/status/start");
    assertThat(noCsrf.status()).isEqualTo(401);
    assertThat(noCsrf.message()).isEqualTo("Permission denied - invalid csrf token\n");
  }

  @Test
  void login_wrongPassword_is401AuthenticationFailure() {
    startWithUsers();
    SimClient.Resp r = new SimClient(sim).post("/access/ticket", "username", "root@pam", "password", "wrong");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.message()).isEqualTo("authentication failure\n");
    assertThat(r.body().get("data").isNull()).isTrue();
    SimClient.Resp realm = new SimClient(sim).post("/access/ticket", "username", "alice", "realm", "pve", "password", "alice-pw");
    assertThat(realm.data().get("username").asText()).isEqualTo("alice@pve");
  }

  @Test
  void ticket_expiresAfterTwoHours_andRenewsWithTicketAsPassword() {
    startWithUsers();
    SimClient c = new SimClient(sim).login("alice@pve", "alice-pw");
    SimClient.Resp first = c.post("/access/ticket", "username", "alice@pve", "password", "wrong");
    assertThat(first.status()).isEqualTo(401);
    JsonNode login = new SimClient(sim).post("/access/ticket", "username", "alice@pve", "password", "alice-pw").data();
    String ticket = login.get("ticket").asText();
    clock.advance(Duration.ofMinutes(110));
    SimClient.Resp renewed = new SimClient(sim).post("/access/ticket", "username", "alice@pve", "password", ticket);
    assertThat(renewed.status()).isEqualTo(200);
    assertThat(renewed.data().get("ticket").asText()).isNotEqualTo(ticket);

    clock.advance(Duration.ofMinutes(11));
    SimClient old = new SimClient(sim);
    old.useTicket(ticket, login.get("CSRFPreventionToken").asText());
    SimClient.Resp expired = old.get("/nodes");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.message()).isEqualTo("permission denied - invalid PVE ticket\n");
    SimClient fresh = new SimClient(sim);
    fresh.useTicket(renewed.data().get("ticket").asText(), renewed.data().get("CSRFPreventionToken").asText());
    assertThat(fresh.get("/nodes").status()).isEqualTo(200);
    assertThat(new SimClient(sim).post("/access/ticket", "username", "alice@pve", "password", ticket).status()).isEqualTo(401);
  }

  @Test
  void noCredentials_is401NoTicket_andBadToken401() {
    startWithUsers();
    SimClient.Resp none = new SimClient(sim).get("/nodes");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.message()).isEqualTo("No ticket\n");
    SimClient.Resp bad = new SimClient(sim).token("root@pam!ci", "nope").get("/nodes");
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.message()).isEqualTo("Authentication failed!\n");
  }

  @Test
  void token_cannotCreateTicket() {
    startWithUsers();
    SimClient.Resp r = api.post("/access/ticket", "username", "root@pam", "password", "proximity");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.message()).isEqualTo(
        "Permission check failed (URI '/access/ticket' not available with API token, need proper ticket.)\n");
  }

  @Test
  void privsepTokenWithoutAcl_hasNoRights() {
    startWithUsers();
    createOk(101);
    SimClient sep = new SimClient(sim).token("alice@pve!sep", "sep-secret");
    assertThat(sep.get("/cluster/resources", "type", "vm").data()).isEmpty();
    SimClient.Resp r = create(sep, "pve", 102);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.message()).isEqualTo("Permission check failed (/vms/102, VM.Allocate)\n");
    assertThat(sep.get("/access/permissions").data().size()).isZero();

    SimClient withAcl = new SimClient(sim).token("alice@pve!sep2", "sep2-secret");
    assertThat(withAcl.get("/cluster/resources", "type", "vm").data()).hasSize(1);
    assertThat(withAcl.get("/access/permissions", "path", "/vms/101").data().get("/vms/101").has("VM.Allocate")).isTrue();
    String upid = create(withAcl, "pve", 102).data().asText();
    assertThat(upid).endsWith(":vzcreate:102:alice@pve!sep2:");
    JsonNode status = withAcl.get("/nodes/pve/tasks/" + upid + "/status").data();
    assertThat(status.get("user").asText()).isEqualTo("alice@pve");
    assertThat(status.get("tokenid").asText()).isEqualTo("sep2");

    SimClient full = new SimClient(sim).token("alice@pve!full", "full-secret");
    assertThat(full.get("/cluster/resources", "type", "vm").data()).hasSize(2);
  }

  @Test
  void featuresOtherThanNesting_onlyForRootPamTicket() {
    startWithUsers();
    SimClient.Resp token = create(103, "features", "nesting=1,keyctl=1");
    assertThat(token.status()).isEqualTo(403);
    assertThat(token.message()).isEqualTo(
        "Permission check failed (changing feature flags (except nesting) is only allowed for root@pam)\n");
    SimClient alice = new SimClient(sim).login("alice@pve", "alice-pw");
    assertThat(create(alice, "pve", 104, "features", "nesting=1").status()).isEqualTo(200);
    assertThat(create(alice, "pve", 105, "features", "nesting=1,fuse=1").status()).isEqualTo(403);
    SimClient root = new SimClient(sim).login("root@pam", "proximity");
    SimClient.Resp ok = create(root, "pve", 103, "features", "nesting=1,keyctl=1");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(root.await(ok.data().asText())).isEqualTo("OK");
    assertThat(api.put("/nodes/pve/lxc/103/config", "features", "nesting=1").status()).isEqualTo(403);
    assertThat(api.put("/nodes/pve/lxc/103/config", "memory", "2048").status()).isEqualTo(200);
  }

  @Test
  void requests_areRecordedWithSecretsMasked() {
    startWithUsers();
    new SimClient(sim).login("alice@pve", "alice-pw").post("/nodes/pve/lxc/999/status/start");
    api.get("/version");
    for (RecordedRequest r : sim.requests()) {
      String all = r.toString();
      assertThat(all).doesNotContain("alice-pw", "secret-1", "PVE:alice@pve:");
    }
    RecordedRequest login = sim.requests().get(0);
    assertThat(login.param("password")).isEqualTo("***");
    assertThat(login.param("username")).isEqualTo("alice@pve");
    RecordedRequest write = sim.requests().get(1);
    assertThat(write.headers().get("csrfpreventiontoken")).isEqualTo("***");
    assertThat(write.headers().get("cookie")).isEqualTo("PVEAuthCookie=***");
    assertThat(sim.requests().get(2).headers().get("authorization")).isEqualTo("PVEAPIToken=root@pam!ci=***");
  }

  @Test
  void expireTickets_invalidatesTicketsNotTokens() {
    startWithUsers();
    SimClient alice = new SimClient(sim).login("alice@pve", "alice-pw");
    sim.expireTickets();
    assertThat(alice.get("/nodes").status()).isEqualTo(401);
    assertThat(api.get("/nodes").status()).isEqualTo(200);
    assertThat(new SimClient(sim).login("alice@pve", "alice-pw").get("/nodes").status()).isEqualTo(200);
  }

  @Test
  void secondFactorUser_getsNeedTfaAndAHalfTicketNothingAccepts() {
    startSim(builder().user("bob@pve", "bob-pw").secondFactor("bob@pve"));
    SimClient c = new SimClient(sim);
    JsonNode d = c.post("/access/ticket", "username", "bob@pve", "password", "bob-pw").data();
    assertThat(d.get("NeedTFA").asInt()).isEqualTo(1);
    c.useTicket(d.get("ticket").asText(), d.get("CSRFPreventionToken").asText());
    assertThat(c.get("/nodes").status()).isEqualTo(401);
  }

  @Test
  void authVariantsAndQueryOverride_likeProxmox() {
    startWithUsers();
    JsonNode login = new SimClient(sim).post("/access/ticket", "username", "root@pam", "password", "proximity").data();
    String ticket = login.get("ticket").asText();
    SimClient header = new SimClient(sim);
    header.rawAuthorization("PVEAuthCookie=" + ticket);
    assertThat(header.get("/nodes").status()).isEqualTo(200);
    SimClient spaced = new SimClient(sim);
    spaced.rawAuthorization("PVEAPIToken root@pam!ci=secret-1");
    assertThat(spaced.get("/nodes").status()).isEqualTo(200);
    createOk(101);
    assertThat(api.sendRaw("PUT", "/nodes/pve/lxc/101/config?memory=2048", "memory=1024").status()).isEqualTo(200);
    assertThat(api.get("/nodes/pve/lxc/101/config").data().get("memory").asInt()).as("query overrides body")
        .isEqualTo(2048);
  }
}
