package dev.hotplex.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --base-url}: the model endpoint root, {@code scheme://host:port} plus an optional path prefix, but
 * no API version ({@code /v1}), because the agent appends {@code /v1/messages} itself. Returns the URL without a
 * trailing slash.
 */
public final class BaseUrlConverter implements ITypeConverter<String> {

  @Override
  public String convert(String value) {
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw new TypeConversionException("'" + value + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new TypeConversionException("'" + value + "' must be an http:// or https:// URL with a host, such as"
          + " http://127.0.0.1:8080");
    }
    if (uri.getRawUserInfo() != null) {
      // Credentials in a URL end up in logs; the key belongs in the API key variable.
      throw new TypeConversionException("the URL must not contain credentials; put the key in ANTHROPIC_API_KEY");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new TypeConversionException("'" + value + "' must not have a query or fragment");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    int version = path.toLowerCase(Locale.ROOT).indexOf("/v1");
    if (version >= 0 && (path.length() == version + 3 || path.charAt(version + 3) == '/')) {
      String root = uri.getScheme() + "://" + uri.getRawAuthority() + path.substring(0, version);
      throw new TypeConversionException("'" + value + "' ends with the API version path; give the endpoint root"
          + " instead: --base-url " + root + " (the agent adds /v1/messages itself)");
    }
    String text = uri.toString();
    return text.endsWith("/") ? text.replaceAll("/+$", "") : text;
  }
}
