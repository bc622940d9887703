package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shell variables whose value is statically known at a point of the script. A child scope (subshell, command
 * substitution, {@code bash -c}) sees its parent's values but its own assignments do not leak back.
 */
final class Variables {
  /** Marks a variable that was assigned something we cannot know (or conditionally). */
  private static final String UNKNOWN = new String("<unknown>");

  private final Variables parent;
  private Map<String, String> values;
  private boolean forgetParent;
  private boolean customSeparators;
  /** Names assigned in this scope, in order, so that a command that may not have run can be undone. */
  private final List<String> assigned = new ArrayList<>(0);

  private Variables(Variables parent) {
    this.parent = parent;
  }

  static Variables empty() {
    return new Variables(null);
  }

  Variables child() {
    return new Variables(this);
  }

  /** The known value, or null when the variable is unknown (never assigned in the script, or dynamic). */
  String get(String name) {
    for (Variables scope = this; scope != null; scope = scope.parent) {
      if (scope.values != null && scope.values.containsKey(name)) {
        String value = scope.values.get(name);
        return value == UNKNOWN ? null : value;
      }
      if (scope.forgetParent) {
        return null;
      }
    }
    return null;
  }

  void set(String name, String value) {
    customSeparators |= name.equals("IFS");
    if (values == null) {
      values = new HashMap<>();
    }
    values.put(name, value == null ? UNKNOWN : value);
    assigned.add(name);
  }

  /** A position in the assignment history of this scope, for {@link #forgetSince(int)}. */
  int mark() {
    return assigned.size();
  }

  /** Makes every variable assigned since {@code mark} unknown (the commands that assigned them may not have run). */
  void forgetSince(int mark) {
    int end = assigned.size();
    for (int i = mark; i < end; i++) {
      values.put(assigned.get(i), UNKNOWN);
    }
  }

  /** Whether {@code IFS} was changed: unquoted expansions then split in ways this analyser does not model. */
  boolean customSeparators() {
    for (Variables scope = this; scope != null; scope = scope.parent) {
      if (scope.customSeparators) {
        return true;
      }
    }
    return false;
  }

  void setUnknown(String name) {
    set(name, null);
  }

  /** After {@code eval "$x"} or {@code source file} any variable may have changed. */
  void forgetAll() {
    values = new HashMap<>();
    forgetParent = true;
  }
}
