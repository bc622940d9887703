package dev.hotplex.server;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The daemon's handler chain: client counting, then the token check (so nothing runs unauthenticated), then the
 * WebSocket upgrade on {@code /v1/ws}, then the REST API ({@code /v1/*}, {@code /metrics}) and the OpenCode API
 * ({@code /session}, {@code /session/*}, {@code /event}).
 */
final class Routes {
  private Routes() {}

  static Handler create(Server jetty, ServerContext context, String token, ExecutorService streamThreads) {
    ContextHandler root = new ContextHandler("/");
    RestApi rest = new RestApi(context);
    OpenCodeApi openCode = new OpenCodeApi(context, rest);
    PathMappingsHandler routes = new PathMappingsHandler();
    routes.addMapping(PathSpec.from("/v1/*"), rest);
    routes.addMapping(PathSpec.from("/metrics"), rest);
    routes.addMapping(PathSpec.from("/session"), openCode);
    routes.addMapping(PathSpec.from("/session/*"), openCode);
    routes.addMapping(PathSpec.from("/event"), openCode);
    WebSocketUpgradeHandler webSockets = WebSocketUpgradeHandler.from(jetty, root, container -> {
      container.setIdleTimeout(Duration.ZERO); // streams stay open while an agent thinks; the client closes
      container.addMapping("/v1/ws", (request, response, callback) -> new WebSocketEndpoint(context, streamThreads));
    });
    webSockets.setHandler(routes);
    root.setHandler(new Activity(context, new TokenAuth(token, webSockets)));
    return root;
  }

  /** Counts connected clients around every request, for idle exit and the metrics. */
  private static final class Activity extends Handler.Wrapper {
    private final ServerContext context;

    Activity(ServerContext context, Handler next) {
      super(next);
      this.context = context;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      context.clientEntered();
      try {
        return super.handle(request, response, callback);
      } finally {
        context.clientLeft();
      }
    }
  }
}
