package dev.proximity.testkit.pve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.testkit.PveSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A minimal test client: pins the simulator's fingerprint, form-encodes, keeps ticket or token. */
final class SimClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final URI base;
  private String authHeader;
  private String cookie;
  private String csrf;

  /** A response: status and parsed body. */
  record Resp(int status, JsonNode body) {
    JsonNode data() {
      return body.get("data");
    }

    String message() {
      return body.path("message").asText();
    }
  }

  SimClient(PveSimulator sim) {
    this.base = sim.baseUri();
    this.http = HttpClient.newBuilder().sslContext(pinned(sim.certificateSha256Fingerprint()))
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  static SSLContext pinned(String fingerprint) {
    TrustManager tm = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("no client certs");
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
          String fp = HexFormat.ofDelimiter(":").withUpperCase()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
          if (!fp.equals(fingerprint)) {
            throw new CertificateException("fingerprint mismatch: " + fp);
          }
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new CertificateException(e);
        }
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {tm}, null);
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  SimClient token(String tokenId, String secret) {
    this.authHeader = "PVEAPIToken=" + tokenId + "=" + secret;
    this.cookie = null;
    this.csrf = null;
    return this;
  }

  SimClient login(String user, String password) {
    Resp r = post("/access/ticket", "username", user, "password", password);
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r.status() + " " + r.message());
    }
    useTicket(r.data().get("ticket").asText(), r.data().get("CSRFPreventionToken").asText());
    return this;
  }

  void useTicket(String ticket, String csrfToken) {
    this.cookie = "PVEAuthCookie=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
    this.csrf = csrfToken;
    this.authHeader = null;
  }

  void rawAuthorization(String value) {
    this.authHeader = value;
    this.cookie = null;
    this.csrf = null;
  }

  void dropCsrf() {
    this.csrf = null;
  }

  static Map<String, String> form(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static String encode(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&");
    params.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }

  Resp get(String path, String... query) {
    String q = query.length == 0 ? "" : "?" + encode(form(query));
    return send("GET", path + q, null);
  }

  Resp delete(String path, String... query) {
    String q = query.length == 0 ? "" : "?" + encode(form(query));
    return send("DELETE", path + q, null);
  }

  Resp post(String path, String... kv) {
    return send("POST", path, encode(form(kv)));
  }

  Resp put(String path, String... kv) {
    return send("PUT", path, encode(form(kv)));
  }

  Resp sendRaw(String method, String path, String body) {
    return send(method, path, body);
  }

  Resp sendJson(String method, String path, String json) {
    return send(method, path, json, "application/json");
  }

  private Resp send(String method, String path, String body) {
    return send(method, path, body, "application/x-www-form-urlencoded");
  }

  private Resp send(String method, String path, String body, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api2/json" + path))
        .timeout(Duration.ofSeconds(20));
    if (body != null) {
      b.header("Content-Type", contentType);
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    if (authHeader != null) {
      b.header("Authorization", authHeader);
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
      if (csrf != null && !"GET".equals(method)) {
        b.header("CSRFPreventionToken", csrf);
      }
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls a task until it stops; returns its exit status. */
  String await(String upid) {
    String node = upid.split(":")[1];
    for (int i = 0; i < 2000; i++) {
      Resp r = get("/nodes/" + node + "/tasks/" + upid + "/status");
      if (r.status() != 200) {
        throw new IllegalStateException("task status " + r.status() + " " + r.message());
      }
      if ("stopped".equals(r.data().get("status").asText())) {
        return r.data().get("exitstatus").asText();
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("task did not end: " + upid);
  }
}
