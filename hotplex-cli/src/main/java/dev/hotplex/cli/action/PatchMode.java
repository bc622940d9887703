package dev.hotplex.cli.action;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Mode {@code patch}: the agent edits the checkout (policed and jailed like every run); hotplex then computes the
 * change, refuses it whole if a file outside {@code allowed_paths} changed or a secret shows in it, writes the
 * patch file, and with {@code open_pull_request} puts it on a branch and opens or updates a pull request.
 */
final class PatchMode {
  /** Told to the agent after the last prompt. */
  static final String INSTRUCTIONS = "Make the change by editing the files in your working directory. Do not"
      + " commit, push, or create branches or pull requests: hotplex turns your edits into a patch.";
  /** Files named one by one in annotations and the summary before "… and N more". */
  static final int MAX_LISTED = 50;

  private PatchMode() {}

  static ModeResult run(ModeContext c, Path patchFile) throws InterruptedException {
    String excluded = FindingsCheck.relative(patchFile.toString(), c.repositoryRoot());
    WorkspaceChanges workspace = new WorkspaceChanges(new Git(c.repositoryRoot(), Map.of()), c.github().tempDir(),
        excluded == null ? List.of() : List.of(excluded));
    String before = workspace.snapshot();
    List<String> prompts = new ArrayList<>(c.inputs().prompts());
    prompts.set(prompts.size() - 1, prompts.get(prompts.size() - 1) + "\n\n" + INSTRUCTIONS);
    AgentRunner.Outcome outcome = c.runner().run(prompts);
    if (!outcome.ok()) {
      return ModeResult.failed(outcome.failure());
    }
    String after = workspace.snapshot();
    List<WorkspaceChanges.Change> changes = workspace.between(before, after);
    if (changes.isEmpty()) {
      c.commands().notice("The agent changed no files, so there is no patch.", WorkflowCommands.Location.NONE,
          "hotplex patch");
      return new ModeResult(List.of(), Map.of(), "### Patch\n\nThe agent changed no files.\n");
    }
    List<String> outside = outside(changes, c.inputs().allowedPaths());
    if (!outside.isEmpty()) {
      outside.stream().limit(MAX_LISTED).forEach(path -> c.commands().error("Changed outside allowed_paths ("
          + String.join(", ", c.inputs().allowedPaths()) + ")", c.location(path, 0)));
      return ModeResult.failed(outside.size() + " changed file(s) are outside allowed_paths ("
          + String.join(", ", c.inputs().allowedPaths()) + "): " + String.join(", ", outside.stream()
              .limit(MAX_LISTED).toList()) + ". No patch was written and no pull request was opened.");
    }
    byte[] patch = workspace.patch(before, after);
    if (c.masker().reveals(new String(patch, StandardCharsets.UTF_8))) {
      return ModeResult.failed("The changes contain a secret (the API key or the token). No patch was written"
          + " and no pull request was opened.");
    }
    try {
      Files.createDirectories(patchFile.toAbsolutePath().getParent());
      Files.write(patchFile, patch);
    } catch (IOException e) {
      return ModeResult.failed("The patch could not be written to " + patchFile + ": " + e.getMessage());
    }
    Map<ActionOutput, String> outputs = new EnumMap<>(ActionOutput.class);
    outputs.put(ActionOutput.PATCH_PATH, c.github().workspace().relativize(patchFile.toAbsolutePath()).toString());
    StringBuilder section = new StringBuilder("### Patch\n\n").append(changes.size())
        .append(changes.size() == 1 ? " file" : " files").append(" changed, written to ")
        .append(Markdown.code(outputs.get(ActionOutput.PATCH_PATH), 200)).append(".\n\n");
    changes.stream().limit(MAX_LISTED).forEach(change -> section.append("- ").append(change.status()).append(' ')
        .append(Markdown.code(change.path(), 200)).append('\n'));
    List<String> failures = new ArrayList<>();
    if (c.inputs().openPullRequest()) {
      PatchPullRequest.open(c, workspace, changes, outputs, section, failures);
    }
    return new ModeResult(failures, outputs, section.toString());
  }

  /** The changed paths no {@code allowed_paths} glob matches (relative to the repository root). */
  static List<String> outside(List<WorkspaceChanges.Change> changes, List<String> allowedPaths) {
    List<PathMatcher> matchers = allowedPaths.stream()
        .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
    return changes.stream().map(WorkspaceChanges.Change::path)
        .filter(path -> matchers.stream().noneMatch(matcher -> matcher.matches(Path.of(path)))).toList();
  }
}
