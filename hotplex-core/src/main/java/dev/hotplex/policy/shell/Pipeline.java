package dev.hotplex.policy.shell;

import java.util.List;

/**
 * Commands joined by {@code |} or {@code |&}, first stage first. Only pipelines with at least two stages are
 * reported. Each stage is the outermost invocation of that stage (e.g. {@code sudo} for {@code curl x | sudo bash});
 * the same objects appear in {@link ShellAnalysis#invocations()}.
 *
 * @param stages the stages in order
 */
public record Pipeline(List<Invocation> stages) {

  public Pipeline {
    stages = List.copyOf(stages);
  }
}
