package dev.hotplex.cli.action;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a review's findings against the pull request: a finding on a line inside a hunk becomes an inline
 * comment; one on another line of a changed file, or on an unchanged file of the repository, goes into the summary
 * comment (so nothing is lost); one on a file that exists nowhere is an error the agent must fix.
 */
final class FindingsCheck {
  private FindingsCheck() {}

  /** The findings sorted by where they can be posted. */
  record Sorted(String summary, List<Finding> inline, List<Finding> outsideDiff) {
    int total() {
      return inline.size() + outsideDiff.size();
    }

    List<Finding> all() {
      List<Finding> all = new ArrayList<>(inline);
      all.addAll(outsideDiff);
      return all;
    }
  }

  /** The sorted findings, or the errors that make the document unusable. */
  record Result(Sorted sorted, List<String> errors) {}

  static Result check(ReviewContract.Document document, PullRequestDiff diff, Path repositoryRoot) {
    List<Finding> inline = new ArrayList<>();
    List<Finding> outside = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<Finding> findings = document.findings();
    for (int i = 0; i < findings.size(); i++) {
      Finding finding = findings.get(i);
      String path = relative(finding.path(), repositoryRoot);
      if (path == null) {
        errors.add("findings[" + i + "].path \"" + finding.path() + "\" is not a path inside the repository;"
            + " write it relative to the repository root");
        continue;
      }
      Finding normalized = new Finding(path, finding.line(), finding.severity(), finding.message(),
          finding.suggestion());
      var changed = diff.file(path);
      if (changed.isPresent() && changed.get().hunks().contains(finding.line())) {
        inline.add(normalized);
      } else if (changed.isPresent() || Files.isRegularFile(repositoryRoot.resolve(path))) {
        outside.add(normalized);
      } else {
        errors.add("findings[" + i + "].path \"" + finding.path() + "\" is neither changed by the pull request nor"
            + " a file of the repository");
      }
    }
    return new Result(errors.isEmpty() ? new Sorted(document.summary(), inline, outside) : null, errors);
  }

  /** {@code path} relative to the root, without {@code ./}; null when it leaves the root or is no path. */
  static String relative(String path, Path root) {
    try {
      Path candidate = Path.of(path.strip());
      Path absolute = candidate.isAbsolute() ? candidate.normalize() : root.resolve(candidate).normalize();
      if (!absolute.startsWith(root) || absolute.equals(root)) {
        return null;
      }
      return root.relativize(absolute).toString().replace('\\', '/');
    } catch (InvalidPathException notAPath) {
      return null;
    }
  }
}
