package dev.hotplex.cli.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.secrets.SecretMasker;
import dev.hotplex.testkit.github.FakeGitHub;
import dev.hotplex.testkit.github.PullRequestFixture;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceChangesTest {
  @TempDir
  Path temp;
  private Path repo;
  private WorkspaceChanges workspace;

  @BeforeEach
  void checkout() throws IOException {
    repo = PullRequestFixture.create(temp.resolve("repo"),
        Map.of("app.py", "print(1)\n", "old.txt", "old\n", ".gitignore", "build/\n"),
        Map.of("app.py", "print(2)\n")).dir();
    Files.writeString(repo.resolve("preexisting-untracked.txt"), "was here before the agent\n");
    workspace = new WorkspaceChanges(new Git(repo, Map.of()), temp, List.of("hotplex.patch"));
  }

  private String status() {
    return new Git(repo, Map.of()).text("status", "--porcelain");
  }

  @Test
  void onlyWhatChangedBetweenTheSnapshotsCounts() throws IOException {
    String before = workspace.snapshot();
    Files.writeString(repo.resolve("app.py"), "print(3)\n");
    Files.createDirectories(repo.resolve("src"));
    Files.writeString(repo.resolve("src/new.py"), "x = 1\n");
    Path script = Files.writeString(repo.resolve("run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.delete(repo.resolve("old.txt"));
    Files.createDirectories(repo.resolve("build"));
    Files.writeString(repo.resolve("build/ignored.o"), "ignored");
    Files.writeString(repo.resolve("hotplex.patch"), "an earlier patch");
    String statusBefore = status();
    String after = workspace.snapshot();

    List<WorkspaceChanges.Change> changes = workspace.between(before, after);

    assertThat(changes).extracting(c -> c.status() + " " + c.path() + " " + c.mode()).containsExactlyInAnyOrder(
        "M app.py 100644", "D old.txt 000000", "A run.sh 100755", "A src/new.py 100644");
    assertThat(new String(workspace.blob(changes.stream().filter(c -> c.path().equals("src/new.py")).findFirst()
        .orElseThrow().blob()), StandardCharsets.UTF_8)).isEqualTo("x = 1\n");
    assertThat(status()).as("the user's index is untouched").isEqualTo(statusBefore);
  }

  @Test
  void thePatchAppliesToTheCheckout() throws IOException {
    String before = workspace.snapshot();
    Files.writeString(repo.resolve("app.py"), "print(3)\n");
    Files.writeString(repo.resolve("added.txt"), "new\n");
    String after = workspace.snapshot();
    byte[] patch = workspace.patch(before, after);
    Files.write(temp.resolve("p.patch"), patch);
    Git git = new Git(repo, Map.of());
    git.bytes("checkout", "--", "app.py");
    Files.delete(repo.resolve("added.txt"));

    git.bytes("apply", "--index", temp.resolve("p.patch").toString());

    assertThat(Files.readString(repo.resolve("app.py"))).isEqualTo("print(3)\n");
    assertThat(Files.readString(repo.resolve("added.txt"))).isEqualTo("new\n");
  }

  @Test
  void changesOutsideTheAllowedPathsAreNamed() {
    List<WorkspaceChanges.Change> changes = List.of(new WorkspaceChanges.Change("src/a.py", 'M', "100644", "x"),
        new WorkspaceChanges.Change("README.md", 'M', "100644", "x"),
        new WorkspaceChanges.Change(".github/workflows/ci.yml", 'A', "100644", "x"));

    assertThat(PatchMode.outside(changes, List.of("src/**", "*.md"))).containsExactly(".github/workflows/ci.yml");
    assertThat(PatchMode.outside(changes, List.of("**"))).isEmpty();
  }

  @Test
  void publishingMakesOneCommitOnTopOfTheCheckoutAndOpensThenUpdatesOnePullRequest() throws IOException {
    String before = workspace.snapshot();
    Files.writeString(repo.resolve("app.py"), "print(3)\n");
    Files.delete(repo.resolve("old.txt"));
    List<WorkspaceChanges.Change> changes = workspace.between(before, workspace.snapshot());
    try (FakeGitHub github = FakeGitHub.start("octo/sample", "ghs_t")) {
      GitHubRepo api = new GitHubRepo(new GitHubClient(URI.create(github.apiUrl()), "ghs_t", "t"), "octo/sample",
          SecretMasker.none());

      BranchPublisher.Published first = BranchPublisher.publish(api, workspace, changes, "hotplex/patch-main",
          "main", "hotplex: fix", "body");
      BranchPublisher.Published second = BranchPublisher.publish(api, workspace, changes, "hotplex/patch-main",
          "main", "hotplex: fix again", "body 2");

      assertThat(first.created()).isTrue();
      assertThat(second.created()).isFalse();
      assertThat(second.number()).isEqualTo(first.number());
      assertThat(github.repository().pullRequests()).hasSize(1);
      assertThat(github.repository().pullRequests().get(first.number()).path("title").asText())
          .isEqualTo("hotplex: fix again");
      assertThat(github.repository().branch("hotplex/patch-main")).contains(second.commit());
      var commit = github.repository().gitObject(first.commit()).orElseThrow();
      assertThat(commit.path("parents").get(0).asText()).isEqualTo(workspace.head());
      var tree = github.repository().gitObject(commit.path("tree").asText()).orElseThrow();
      assertThat(tree.path("base_tree").asText()).isEqualTo(workspace.headTree());
      assertThat(tree.path("tree")).anySatisfy(entry -> {
        assertThat(entry.path("path").asText()).isEqualTo("app.py");
        assertThat(github.repository().blobText(entry.path("sha").asText())).contains("print(3)\n");
      }).anySatisfy(entry -> {
        assertThat(entry.path("path").asText()).isEqualTo("old.txt");
        assertThat(entry.path("sha").isNull()).isTrue();
      });
      assertThat(github.calls("PATCH", ".*/git/refs/heads/hotplex/patch-main")).singleElement()
          .satisfies(call -> assertThat(call.body().path("force").asBoolean()).isTrue());
    }
  }
}
