package dev.hotplex.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a policy rule says about a tool call. Written in lower case in policy files. */
public enum Decision {
  /** Run the call. */
  ALLOW,
  /** Refuse the call; the model is told the rule's reason. */
  DENY,
  /** Ask an {@link Approver}; without one (headless CI) the call is denied. */
  ASK;

  /** The lower-case name used in policy files and in {@code hotplex policy check} output. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code allow}, {@code deny} or {@code ask}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  @JsonCreator
  public static Decision parse(String text) {
    for (Decision d : values()) {
      if (d.id().equals(text)) {
        return d;
      }
    }
    throw new IllegalArgumentException("decision must be allow, deny or ask, not '" + text + "'");
  }
}
