package dev.hotplex.policy.shell;

import java.util.List;

/**
 * Which variables a command changes ({@code a=rm}, {@code export a=rm}, {@code read a}, {@code unset a}, ...), and
 * applying those changes once it is known whether the command certainly ran in this shell: an assignment after
 * {@code &&}/{@code ||}, in a loop or condition, in a pipeline or in the background makes the variable unknown rather
 * than giving it a value, so a later {@code $a} can never resolve to a value the script may not have.
 */
final class VariableEffects {
  /** A variable change; {@code name == null} means "any variable may have changed". */
  record Effect(String name, Word value) {}

  private VariableEffects() {}

  static void collect(Invocation invocation, List<Effect> effects) {
    String command = invocation.commandName();
    if (invocation.command() == null) {
      for (Assignment assignment : invocation.assignments()) {
        effects.add(new Effect(assignment.name(), assignment.value()));
      }
      return;
    }
    if (command == null) {
      return;
    }
    switch (command) {
      case "export", "local", "declare", "typeset", "readonly" -> declared(invocation.args(), effects);
      case "read", "mapfile", "readarray", "unset", "let", "getopts", "printf" -> madeUnknown(command,
          invocation.args(), effects);
      case "source", "." -> effects.add(new Effect(null, null));
      default -> { }
    }
  }

  static boolean isDeclaration(String command) {
    return switch (command) {
      case "export", "local", "declare", "typeset", "readonly" -> true;
      default -> false;
    };
  }

  static void apply(Variables vars, List<Effect> effects, boolean certain) {
    for (Effect effect : effects) {
      if (effect.name() == null) {
        vars.forgetAll();
      } else if (certain && effect.value() != null && effect.value().resolved()) {
        vars.set(effect.name(), effect.value().text());
      } else {
        vars.setUnknown(effect.name());
      }
    }
  }

  private static void declared(List<Word> args, List<Effect> effects) {
    for (Word arg : args) {
      Assignment assignment = Assignment.parse(arg);
      if (assignment != null) {
        effects.add(new Effect(assignment.name(), assignment.value()));
      } else if (!arg.resolved()) {
        effects.add(new Effect(null, null));
      }
    }
  }

  private static void madeUnknown(String command, List<Word> args, List<Effect> effects) {
    boolean printf = command.equals("printf");
    for (int i = 0; i < args.size(); i++) {
      String text = args.get(i).text();
      if (printf) {
        if (text.equals("-v") && i + 1 < args.size()) {
          effects.add(new Effect(args.get(i + 1).text(), null));
        }
        continue;
      }
      int eq = text.indexOf('=');
      String name = eq > 0 ? text.substring(0, eq) : text;
      if (!name.isEmpty() && Assignment.isNameStart(name.charAt(0))) {
        effects.add(new Effect(name, null));
      } else if (!args.get(i).resolved()) {
        effects.add(new Effect(null, null));
      }
    }
  }
}
