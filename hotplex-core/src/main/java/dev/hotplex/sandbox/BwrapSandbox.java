package dev.hotplex.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a command inside bubblewrap: the whole host file system read-only, the workspace and the given writable
 * paths read-write, a private {@code /tmp}, a new PID namespace, no capabilities, and the network kept (agents
 * must reach the model API). The environment is passed through unchanged (the engine scrubs it); so a
 * {@code TMPDIR} that points into the host's {@code /tmp} must be bound, or the agent finds no such directory.
 * {@code --cap-drop ALL} matters when hotplex runs as root (CI containers): without it bwrap keeps root's
 * capabilities and the command could simply remount {@code /} read-write.
 *
 * <p>The argv for {@code wrap([claude, -p], /ws, [/home/agent])}:
 * <pre>
 * bwrap --die-with-parent --new-session --unshare-pid --share-net --cap-drop ALL
 *   --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp
 *   --bind /ws /ws --bind /home/agent /home/agent
 *   --tmpfs /root/.ssh --ro-bind /dev/null /root/.npmrc   (host secret locations that exist)
 *   --chdir /ws -- claude -p
 * </pre>
 *
 * <p><b>Processes.</b> The engine starts {@code setsid <wrapped command>}, so the outer {@code bwrap} leads the
 * process group. Inside, bwrap runs a small init as PID 1 of a new PID namespace, and the command under it.
 * {@code --new-session} puts the command in its own session (so it can never inject input into a terminal), which
 * means a signal to the engine's process group reaches only the outer bwrap. That is enough: bwrap dies on
 * SIGTERM/SIGKILL, {@code --die-with-parent} then kills the init, and when the init of a PID namespace dies the
 * kernel kills every process in it, background and {@code setsid} ones included. The same happens when the
 * command exits on its own: the init exits with it and takes any leftovers down. Graceful stop therefore means
 * closing the agent's stdin and waiting; a SIGTERM to the group ends the agent at once.
 *
 * <p><b>Host secrets.</b> Unless turned off, directories that commonly hold credentials in the host user's home
 * ({@link #DEFAULT_MASKED_DIRS}) are covered with an empty tmpfs and such files ({@link #DEFAULT_MASKED_FILES})
 * with {@code /dev/null}, so even a read cannot reach them. A location is left alone when it contains one of the
 * bound paths (masking it would hide what was asked for) or lies inside a writable one: when the agent's writable
 * HOME is the host home, its {@code ~/.ssh} and {@code ~/.claude} are the agent's own, not the host's to hide.
 * Everything under the host's {@code /tmp} is invisible inside unless bound explicitly.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()} or get one from {@link Sandboxes}.
 */
public final class BwrapSandbox implements Sandbox {

  /** Host home directories masked with an empty tmpfs when they exist. */
  public static final List<String> DEFAULT_MASKED_DIRS =
      List.of(".ssh", ".aws", ".azure", ".config/gcloud", ".config/gh", ".docker", ".kube", ".gnupg");

  /** Host home files masked with /dev/null when they exist. */
  public static final List<String> DEFAULT_MASKED_FILES =
      List.of(".netrc", ".git-credentials", ".npmrc", ".pypirc", ".claude/.credentials.json");

  private final Path executable;
  private final String version;
  private final List<Path> readOnlyBinds;
  private final List<Path> writableBinds;
  private final Path hostHome;
  private final boolean maskHostSecrets;

  private BwrapSandbox(Builder builder) {
    this.executable = builder.executable;
    this.version = builder.version;
    this.readOnlyBinds = List.copyOf(builder.readOnlyBinds);
    this.writableBinds = List.copyOf(builder.writableBinds);
    this.hostHome = builder.hostHome;
    this.maskHostSecrets = builder.maskHostSecrets;
  }

  /** A builder with the defaults: {@code bwrap} from PATH, host secrets masked, no extra binds. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code workDir} does not exist
   * @throws UncheckedIOException if a missing writable directory cannot be created
   */
  @Override
  public List<String> wrap(List<String> command, Path workDir, List<Path> writablePaths) {
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("nothing to run: the command is empty");
    }
    Path workspace = workDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(workspace)) {
      throw new IllegalArgumentException("the workspace " + workspace + " does not exist or is not a directory");
    }
    // Later binds win, so read-only ones come first and a path bound both ways ends up writable.
    Map<Path, Boolean> writableByTarget = new LinkedHashMap<>();
    for (Path path : readOnlyBinds) {
      writableByTarget.put(existing(path, false), false);
    }
    for (Path installFolder : installFoldersOf(command.get(0))) {
      writableByTarget.putIfAbsent(installFolder, false);
    }
    List<Path> writable = new ArrayList<>(writableBinds);
    writable.addAll(writablePaths == null ? List.of() : writablePaths);
    writable.add(workspace);
    for (Path path : writable) {
      writableByTarget.put(existing(path, true), true);
    }
    List<String> argv = new ArrayList<>(List.of(executable.toString(), "--die-with-parent", "--new-session",
        "--unshare-pid", "--share-net", "--cap-drop", "ALL",
        "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
    // Parents before children (and everything after the /tmp tmpfs), or a later bind would hide an earlier one.
    List<Path> targets = new ArrayList<>(writableByTarget.keySet());
    targets.sort(Comparator.comparingInt(Path::getNameCount));
    for (Path target : targets) {
      String option = writableByTarget.get(target) ? "--bind" : "--ro-bind";
      argv.addAll(List.of(option, target.toString(), target.toString()));
    }
    if (maskHostSecrets && hostHome != null) {
      addMasks(argv, writableByTarget);
    }
    argv.addAll(List.of("--chdir", workspace.toString(), "--"));
    argv.addAll(command);
    return List.copyOf(argv);
  }

  private static final Path PRIVATE_TMP = Path.of("/tmp");

  /**
   * The folders the program is installed in that the private /tmp would hide (e.g. a checkout under /tmp): bound
   * read-only so the program still runs. For an npm install ({@code <prefix>/node_modules/.bin/<name>}) that is
   * the whole prefix, since the launcher links into it; a program that is a link to a file elsewhere also needs
   * the folder of that file. Empty when nothing is hidden, and for a bare command name, found on PATH inside.
   */
  static List<Path> installFoldersOf(String program) {
    Path path = Path.of(program);
    if (!path.isAbsolute() || !Files.exists(path)) {
      return List.of();
    }
    Path folder = realOrNormal(path.getParent());
    Path parent = folder.getParent();
    boolean npmBin = folder.getFileName().toString().equals(".bin") && parent != null
        && parent.getFileName() != null && parent.getFileName().toString().equals("node_modules");
    Path install = npmBin ? parent.getParent() : folder;
    Path target = realOrNormal(path).getParent();
    List<Path> hidden = new ArrayList<>();
    if (install.startsWith(PRIVATE_TMP)) {
      hidden.add(install);
    }
    if (target != null && target.startsWith(PRIVATE_TMP) && !target.startsWith(install)) {
      hidden.add(target);
    }
    return hidden;
  }

  private void addMasks(List<String> argv, Map<Path, Boolean> writableByTarget) {
    Path home = realOrNormal(hostHome);
    for (String dir : DEFAULT_MASKED_DIRS) {
      Path location = home.resolve(dir);
      if (Files.isDirectory(location, LinkOption.NOFOLLOW_LINKS) && !conflictsWithBind(location, writableByTarget)) {
        argv.addAll(List.of("--tmpfs", location.toString()));
      }
    }
    for (String file : DEFAULT_MASKED_FILES) {
      Path location = home.resolve(file);
      if (Files.isRegularFile(location, LinkOption.NOFOLLOW_LINKS) && !conflictsWithBind(location, writableByTarget)) {
        argv.addAll(List.of("--ro-bind", "/dev/null", location.toString()));
      }
    }
  }

  private static boolean conflictsWithBind(Path location, Map<Path, Boolean> writableByTarget) {
    return writableByTarget.entrySet().stream().anyMatch(bind -> bind.getKey().startsWith(location)
        || (bind.getValue() && location.startsWith(bind.getKey())));
  }

  /** The real path of {@code path}, creating it as a directory first when it is writable and missing. */
  private static Path existing(Path path, boolean createIfMissing) {
    Path absolute = path.toAbsolutePath().normalize();
    if (!Files.exists(absolute)) {
      if (!createIfMissing) {
        throw new IllegalArgumentException("the read-only bind " + absolute + " does not exist");
      }
      try {
        Files.createDirectories(absolute);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the writable directory " + absolute + " for the sandbox: "
            + e.getMessage(), e);
      }
    }
    return realOrNormal(absolute);
  }

  private static Path realOrNormal(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  @Override
  public String describe() {
    return version;
  }

  /**
   * Configures a {@link BwrapSandbox}: {@code add...} appends, {@code set...} replaces.
   *
   * <pre>{@code
   * Sandbox sandbox = Sandboxes.forMode(SandboxMode.REQUIRED,
   *     BwrapSandbox.builder().addReadOnlyBind(Path.of("/tmp/tools")).addWritableBind(cacheDir));
   * }</pre>
   */
  public static final class Builder {
    private Path executable = Path.of("bwrap");
    private String version = "bwrap";
    private final List<Path> readOnlyBinds = new ArrayList<>();
    private final List<Path> writableBinds = new ArrayList<>();
    private Path hostHome = Path.of(System.getProperty("user.home"));
    private boolean maskHostSecrets = true;

    private Builder() {}

    /** The bwrap executable (default {@code bwrap}, found on PATH when the command starts). */
    public Builder setExecutable(Path executable) {
      this.executable = Objects.requireNonNull(executable, "executable");
      return this;
    }

    /** What {@link #describe()} says, e.g. {@code bubblewrap 0.8.0}. */
    public Builder setVersion(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * A path made visible read-only at the same place: needed for anything under the host's {@code /tmp}, which
     * is otherwise hidden by the private {@code /tmp}. It must exist.
     */
    public Builder addReadOnlyBind(Path path) {
      readOnlyBinds.add(Objects.requireNonNull(path, "path"));
      return this;
    }

    /** A path writable in every wrapped command, besides the per-call ones; created as a directory if missing. */
    public Builder addWritableBind(Path path) {
      writableBinds.add(Objects.requireNonNull(path, "path"));
      return this;
    }

    /** The host home whose secret locations are masked (default: the {@code user.home} of this JVM). */
    public Builder setHostHome(Path hostHome) {
      this.hostHome = hostHome;
      return this;
    }

    /** Whether to mask the host home's secret locations (default true). */
    public Builder setMaskHostSecrets(boolean maskHostSecrets) {
      this.maskHostSecrets = maskHostSecrets;
      return this;
    }

    public BwrapSandbox build() {
      return new BwrapSandbox(this);
    }
  }
}
