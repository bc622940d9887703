package dev.hotplex.policy.shell;

/**
 * A redirection attached to a command.
 *
 * @param fd the file descriptor redirected: the explicit number ({@code 2>&1} gives 2), else 0 for input operators
 *     ({@code <}, {@code <>}, {@code <<}, {@code <<-}, {@code <<<}, {@code <&}) and 1 for output operators
 *     ({@code >}, {@code >>}, {@code >|}, {@code >&}, and {@code &>}/{@code &>>}, which redirect both 1 and 2)
 * @param operator one of {@code > >> < >| &> &>> <> <<< << <<- >& <&}
 * @param target the file, descriptor or here-string; for here-documents ({@code <<}, {@code <<-}) the body
 */
public record Redirect(int fd, String operator, Word target) {

  /** Whether this redirect feeds the command's standard input. */
  public boolean readsStdin() {
    return fd == 0 && operator.startsWith("<") && !operator.equals("<&");
  }

  /** Whether this redirect feeds stdin from a here-document or here-string (the body is in {@link #target()}). */
  public boolean isHereInput() {
    return operator.equals("<<") || operator.equals("<<-") || operator.equals("<<<");
  }

  /** Whether this redirect may create or change a file ({@code >}, {@code >>}, {@code >|}, {@code &>}, ...). */
  public boolean writesFile() {
    return switch (operator) {
      case ">", ">>", ">|", "&>", "&>>", "<>" -> true;
      case ">&" -> !isDescriptor(target.text());
      default -> false;
    };
  }

  private static boolean isDescriptor(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && !(c == '-' && i == text.length() - 1)) {
        return false;
      }
    }
    return true;
  }
}
