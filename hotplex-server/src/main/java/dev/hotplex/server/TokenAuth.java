package dev.hotplex.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}. Everything else gets 401 before any
 * handler runs, so an unauthenticated request does nothing. A token in the query string ({@code ?token=},
 * {@code ?access_token=}) is refused even when right: URLs end up in logs and proxies. The one exception is
 * {@code GET /healthz}, which answers {@code ok} and nothing more.
 *
 * <p>The token is compared in constant time and never logged.
 */
final class TokenAuth extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(TokenAuth.class);
  private static final int TOKEN_BYTES = 32;
  private static final String BEARER = "Bearer ";
  private static final Set<String> QUERY_TOKEN_NAMES = Set.of("token", "access_token", "auth");
  static final String HEALTH_PATH = "/healthz";

  private final byte[] token;

  TokenAuth(String token, Handler next) {
    super(next);
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The token in {@code file}; when the file does not exist, a new random token is written to it, readable only
   * by the owner (0600).
   *
   * @throws IOException when the file cannot be read or written, or is empty
   */
  static String loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (existing.isEmpty()) {
        throw new IOException("The token file " + file + " is empty. Put a token in it or delete it to have one"
            + " generated.");
      }
      warnIfReadableByOthers(file);
      return existing;
    }
    byte[] random = new byte[TOKEN_BYTES];
    new SecureRandom().nextBytes(random);
    String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, generated + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    return generated;
  }

  private static void warnIfReadableByOthers(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
      LOG.warn("The token file {} is readable by other users; run: chmod 600 {}", file, file);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (HEALTH_PATH.equals(Request.getPathInContext(request)) && "GET".equals(request.getMethod())) {
      Http.sendText(response, callback, 200, "text/plain; charset=utf-8", "ok\n");
      return true;
    }
    String rawQuery = request.getHttpURI().getQuery();
    if (rawQuery != null && Http.query(request).getNames().stream().anyMatch(QUERY_TOKEN_NAMES::contains)) {
      reject(response, callback, "A token in the query string is refused (URLs end up in logs). Send it in the"
          + " header instead: Authorization: Bearer <token>.");
      return true;
    }
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (header == null || !header.startsWith(BEARER)) {
      reject(response, callback, "Authentication required: send Authorization: Bearer <token> (the token is in the"
          + " daemon's token file).");
      return true;
    }
    byte[] offered = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(offered, token)) {
      reject(response, callback, "The bearer token is wrong. Read it from the daemon's token file.");
      return true;
    }
    return super.handle(request, response, callback);
  }

  private static void reject(Response response, Callback callback, String message) {
    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"hotplex\"");
    Http.sendError(response, callback, 401, message);
  }
}
