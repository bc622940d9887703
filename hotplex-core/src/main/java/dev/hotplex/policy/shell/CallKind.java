package dev.hotplex.policy.shell;

import dev.hotplex.policy.shell.Interpreters.Language;
import java.util.ArrayList;
import java.util.List;

/** What a function call in interpreter code does, for the calls the analyser knows per language. */
enum CallKind {
  /** Runs a shell command string (or an argument list when given one). */
  SHELL,
  /** Runs a program with arguments. */
  ARGV,
  /** Evaluates code of the same language. */
  CODE,
  /** Reaches functions or native bindings by computed name ({@code getattr}, {@code process.binding}). */
  DYNAMIC,
  /** Loads a module by name; harmless when the name is a literal. */
  IMPORT,
  /** Deletes a directory tree: reported as {@code rm -rf PATH}. */
  DELETE_TREE,
  /** Deletes a file: reported as {@code rm PATH}. */
  DELETE_FILE,
  /** Deletes an empty directory: reported as {@code rmdir PATH}. */
  DELETE_DIR,
  NONE;

  static CallKind of(Language language, String qualifier, String name, boolean qualified, boolean childProcess,
      boolean subprocessImported) {
    return switch (language) {
      case PYTHON -> python(qualifier, name, qualified, subprocessImported);
      case NODE -> node(name, qualified, childProcess);
      case PERL -> switch (name) {
        case "system", "exec", "readpipe" -> SHELL;
        case "eval" -> CODE;
        case "unlink" -> DELETE_FILE;
        case "rmtree", "remove_tree" -> DELETE_TREE;
        case "rmdir" -> DELETE_DIR;
        default -> NONE;
      };
      case RUBY -> ruby(name, qualified);
      case PHP -> switch (name) {
        case "shell_exec", "system", "passthru", "exec", "popen", "proc_open", "pcntl_exec" -> SHELL;
        case "eval", "assert", "create_function" -> CODE;
        case "unlink" -> DELETE_FILE;
        case "rmdir" -> DELETE_DIR;
        default -> NONE;
      };
      case AWK -> name.equals("system") ? SHELL : NONE;
      case SHELL -> NONE;
    };
  }

  private static CallKind python(String qualifier, String name, boolean qualified, boolean subprocessImported) {
    boolean os = qualifier.equals("os") || qualifier.endsWith(".os") || qualifier.equals("posix");
    return switch (name) {
      case "system", "popen", "popen2", "popen3", "popen4", "getoutput", "getstatusoutput", "check_output",
          "check_call", "Popen", "startfile" -> SHELL;
      case "run", "call" -> qualifier.endsWith("subprocess") || (!qualified && subprocessImported) ? SHELL : NONE;
      case "execv", "execve", "execvp", "execvpe", "execl", "execle", "execlp", "execlpe", "spawnv", "spawnve",
          "spawnvp", "spawnvpe", "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawn", "posix_spawn",
          "posix_spawnp" -> qualified ? ARGV : NONE;
      case "exec", "eval", "compile" -> qualified ? NONE : CODE;
      case "__import__", "import_module" -> IMPORT;
      case "getattr", "__getattribute__" -> DYNAMIC;
      case "rmtree" -> DELETE_TREE;
      case "remove", "unlink", "removedirs" -> os ? DELETE_FILE : NONE;
      case "rmdir" -> os ? DELETE_DIR : NONE;
      default -> NONE;
    };
  }

  private static CallKind node(String name, boolean qualified, boolean childProcess) {
    return switch (name) {
      case "exec", "execSync" -> childProcess ? SHELL : NONE;
      case "spawn", "spawnSync", "execFile", "execFileSync", "fork" -> childProcess ? ARGV : NONE;
      case "eval" -> qualified ? NONE : CODE;
      case "Function", "constructor" -> CODE;
      case "binding", "_linkedBinding", "dlopen" -> DYNAMIC;
      case "require" -> IMPORT;
      case "rmSync", "rmdirSync" -> DELETE_TREE;
      case "rm", "rmdir" -> qualified ? DELETE_TREE : NONE;
      case "unlinkSync", "unlink" -> qualified ? DELETE_FILE : NONE;
      default -> NONE;
    };
  }

  private static CallKind ruby(String name, boolean qualified) {
    return switch (name) {
      case "system", "exec", "spawn", "popen", "capture2", "capture2e", "capture3", "popen2", "popen2e",
          "popen3", "pipeline", "pipeline_r" -> SHELL;
      case "eval", "instance_eval", "class_eval", "module_eval" -> CODE;
      case "send", "public_send", "__send__", "const_get" -> DYNAMIC;
      case "rm_rf", "rm_r", "remove_dir", "remove_entry", "remove_entry_secure", "rmtree" -> DELETE_TREE;
      case "rm", "rm_f", "delete", "unlink", "remove_file" -> qualified ? DELETE_FILE : NONE;
      case "rmdir" -> DELETE_DIR;
      default -> NONE;
    };
  }

  /** Reports what the call runs, given its positional arguments. */
  void handle(InterpreterCode code, String call, List<CodeArgument> args) {
    CodeArgument first = args.isEmpty() ? null : args.get(0);
    if (first == null) {
      return;
    }
    switch (this) {
      case SHELL -> {
        if (first.items() != null) {
          code.argv(first.items());
        } else if (first.literal() == null) {
          code.unknown(call);
        } else if (args.size() > 1 && allLiteral(args)) {
          code.argv(literals(args));
        } else {
          if (!first.literal().resolved()) {
            code.unknown(call);
          }
          code.shell(first.literal());
        }
      }
      case ARGV -> {
        if (first.items() != null) {
          code.argv(first.items());
        } else if (first.literal() == null) {
          code.unknown(call);
        } else {
          List<Word> words = new ArrayList<>();
          words.add(first.literal());
          for (int i = 1; i < args.size(); i++) {
            CodeArgument arg = args.get(i);
            if (arg.items() != null) {
              words.addAll(arg.items());
            } else if (arg.literal() != null) {
              words.add(arg.literal());
            }
          }
          code.argv(words);
        }
      }
      case CODE -> {
        if (first.literal() != null && first.literal().resolved()) {
          code.nestedCode(first.literal().text());
        } else {
          code.unknown(call);
        }
      }
      case DYNAMIC -> code.unknown(call);
      case IMPORT -> {
        if (first.literal() == null || !first.literal().resolved()) {
          code.unknown(call);
        }
      }
      case DELETE_TREE -> code.argv(List.of(Word.of("rm"), Word.of("-rf"), path(first)));
      case DELETE_FILE -> code.argv(List.of(Word.of("rm"), path(first)));
      case DELETE_DIR -> code.argv(List.of(Word.of("rmdir"), path(first)));
      case NONE -> { }
    }
  }

  private static Word path(CodeArgument arg) {
    return arg.literal() != null ? arg.literal() : Word.unknown(arg.raw());
  }

  private static boolean allLiteral(List<CodeArgument> args) {
    for (CodeArgument arg : args) {
      if (arg.literal() == null) {
        return false;
      }
    }
    return true;
  }

  private static List<Word> literals(List<CodeArgument> args) {
    List<Word> words = new ArrayList<>(args.size());
    for (CodeArgument arg : args) {
      words.add(arg.literal());
    }
    return words;
  }
}
