package dev.proximity.examples.server;

import dev.proximity.examples.server.config.ConfigException;
import dev.proximity.examples.server.config.ConfigLoader;
import dev.proximity.examples.server.config.ServerConfig;
import java.io.PrintStream;
import java.util.List;

/**
 * Command-line entry point: loads the configuration, starts the server, prints its URL and how to
 * log in, and shuts down gracefully on Ctrl-C or SIGTERM.
 */
public final class ServerMain {
  private ServerMain() {}

  /**
   * Runs the server until the process is stopped.
   *
   * @param args command-line options, see {@code --help}
   * @throws InterruptedException if interrupted while running
   */
  public static void main(String[] args) throws InterruptedException {
    List<String> arguments = List.of(args);
    PrintStream out = System.out;
    if (arguments.contains("--help") || arguments.contains("-h")) {
      out.println(ConfigLoader.help());
      return;
    }
    ServerConfig config;
    try {
      config = ConfigLoader.load(arguments, System.getenv());
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.err.println("run with --help for every setting");
      System.exit(2);
      return;
    }
    ProximityServer server = ProximityServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "px-shutdown"));
    out.println(banner(server));
    server.awaitShutdown();
  }

  /**
   * The start-up message: where the server listens and how to register and log in.
   *
   * @param server the running server
   * @return the text
   */
  static String banner(ProximityServer server) {
    String url = server.baseUri().toString();
    String nl = System.lineSeparator();
    return "Proximity server " + (server.config().demo() ? "(demo mode, simulated Proxmox) " : "")
        + "listening on " + url + nl
        + "  health:   " + url + "/health" + nl
        + "  API docs: " + url + "/openapi.json" + nl
        + "The first user to register becomes admin:" + nl
        + "  curl -s -X POST " + url + "/api/v1/auth/register -H 'Content-Type: application/json' \\" + nl
        + "       -d '{\"username\":\"admin\",\"password\":\"choose-a-long-password\"}'" + nl
        + "Then log in and use the token:" + nl
        + "  curl -s -X POST " + url + "/api/v1/auth/login -H 'Content-Type: application/json' \\" + nl
        + "       -d '{\"username\":\"admin\",\"password\":\"choose-a-long-password\"}'" + nl
        + "  curl -s " + url + "/api/v1/apps -H 'Authorization: Bearer <access_token>'" + nl
        + "Stop with Ctrl-C.";
  }
}
