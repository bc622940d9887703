package dev.hotplex.policy;

import dev.hotplex.policy.PathEffect.Access;
import dev.hotplex.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;

/** Option and operand access over a command's argument words, in the usual getopt conventions. */
final class Args {
  private final List<Word> words;

  Args(List<Word> words) {
    this.words = words;
  }

  List<Word> words() {
    return words;
  }

  /** Words that are not options: everything after {@code --}, and words not starting with {@code -}. */
  List<Word> operands() {
    List<Word> ops = new ArrayList<>();
    boolean endOfOptions = false;
    for (Word word : words) {
      String text = word.text();
      if (!endOfOptions && text.equals("--")) {
        endOfOptions = true;
      } else if (endOfOptions || !text.startsWith("-") || text.equals("-")) {
        if (!text.equals("-")) {
          ops.add(word);
        }
      }
    }
    return ops;
  }

  /** Is any of the options present (exactly, or as {@code --long=value})? */
  boolean has(String... options) {
    for (Word word : words) {
      String text = word.text();
      for (String option : options) {
        if (text.equals(option) || option.startsWith("--") && isLongWithValue(text, option)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The first value of one of the options, or null. */
  Word valueOf(String... options) {
    List<Word> values = valuesOf(options);
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * Every value of the options: {@code -o FILE}, {@code -oFILE}, {@code -sSLo FILE}, {@code --output FILE},
   * {@code --output=FILE}.
   */
  List<Word> valuesOf(String... options) {
    List<Word> values = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      Word word = words.get(i);
      String text = word.text();
      for (String option : options) {
        boolean lastOfCombined = option.length() == 2 && text.length() > 2 && text.charAt(1) != '-'
            && text.charAt(text.length() - 1) == option.charAt(1) && isLetterCluster(text);
        if (text.equals(option) || lastOfCombined) {
          if (i + 1 < words.size()) {
            values.add(words.get(i + 1));
          }
        } else if (option.startsWith("--") && isLongWithValue(text, option)) {
          values.add(new Word(text.substring(option.length() + 1), word.resolved()));
        } else if (option.length() == 2 && !text.startsWith("--") && text.startsWith(option)) {
          values.add(new Word(text.substring(2), word.resolved()));
        }
      }
    }
    return values;
  }

  /** {@code --output=FILE} for the option {@code --output}. */
  static boolean isLongWithValue(String text, String option) {
    return text.length() > option.length() && text.charAt(option.length()) == '=' && text.startsWith(option);
  }

  /** {@code -sSLo}: a dash followed only by letters (short options written together). */
  static boolean isLetterCluster(String text) {
    if (text.isEmpty() || text.charAt(0) != '-') {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      if (!Character.isLetter(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Adds every value of the options as an effect. */
  void addValues(List<PathEffect> effects, Access access, String... options) {
    for (Word value : valuesOf(options)) {
      if (!value.text().equals("-")) {
        effects.add(new PathEffect(access, value, false));
      }
    }
  }

  /** Adds every word as an effect. */
  void addAll(List<Word> paths, Access access, List<PathEffect> effects) {
    for (Word path : paths) {
      effects.add(new PathEffect(access, path, false));
    }
  }

  /**
   * {@code path} as seen from {@code dir}, like {@code cd dir} followed by {@code path}: absolute and home paths
   * stay as they are, and {@code .} adds nothing. Used for {@code git -C DIR} and {@code make -C DIR}.
   */
  static Word inDirectory(Word dir, Word path) {
    String text = path.text();
    if (dir.text().equals(".") || text.startsWith("/") || text.startsWith("~")) {
      return path;
    }
    return new Word(dir.text() + "/" + text, dir.resolved() && path.resolved());
  }
}
