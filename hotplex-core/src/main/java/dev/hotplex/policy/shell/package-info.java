/**
 * Static analysis of the shell commands an agent asks to run, before they run.
 *
 * <p>{@link dev.hotplex.policy.shell.ShellAnalyzer#analyze(String)} parses a command line and returns every simple
 * command it would run as a flat list of {@link dev.hotplex.policy.shell.Invocation}s, for the policy rules to
 * inspect. It never throws and never runs anything.
 *
 * <h2>Supported bash subset</h2>
 * <ul>
 *   <li>Words: single, double and ANSI-C ({@code $'\x72'}, octal, unicode escapes) quotes, {@code $"..."},
 *       backslash escapes, line continuations, adjacent concatenation ({@code r''m}, {@code "r"m}, {@code r\m} are
 *       all {@code rm}), comments, tilde and globs kept as text, brace expansion of comma lists
 *       ({@code /{etc,usr}}; sequences {@code {1..3}} are kept as text).</li>
 *   <li>Lists and pipelines: {@code ; & && || | |&} and newlines; subshells {@code ( )}, groups {@code { ; }},
 *       {@code if/while/until/for/select/case} (reserved words are followed structurally), functions (bodies are
 *       analysed where defined), {@code [[ ]]}, {@code (( ))}.</li>
 *   <li>Substitutions: {@code $( )}, backticks, {@code <( )}, {@code >( )} (their commands have
 *       {@code inSubstitution}), {@code ${...}} and {@code $(( ))} (analysed for nested substitutions).</li>
 *   <li>Redirections with descriptor numbers, here-strings and here-documents ({@code <<EOF}, {@code <<'EOF'},
 *       {@code <<-EOF}; the body is the redirect target, expanded when the delimiter is unquoted).</li>
 *   <li>Variables: {@code a=rm; $a}, {@code ${a}}, {@code export/local/declare/typeset/readonly a=...}; unquoted
 *       known values are split into words like bash does. An assignment that may not run (after {@code &&} or
 *       {@code ||}, inside a loop, condition, function, pipeline, background job or {@code eval}) makes the variable
 *       unknown instead. {@code read}, {@code unset}, {@code for} variables and {@code printf -v} make it unknown;
 *       {@code source} and an unknown {@code eval} make every variable unknown.</li>
 *   <li>Wrappers, reported again as the command they run with a {@code wrapperChain} entry: {@code sudo}, {@code doas},
 *       {@code su -c}, {@code runuser}, {@code env} (incl. {@code -S}), {@code nohup}, {@code timeout}, {@code nice},
 *       {@code ionice}, {@code stdbuf}, {@code time}, {@code command}, {@code builtin}, {@code exec}, {@code setsid},
 *       {@code chroot}, {@code flock}, {@code busybox}, {@code watch}, {@code xargs} (adds an unresolved
 *       {@code {stdin}} word), {@code parallel}, {@code find -exec/-execdir/-ok/-okdir} ({@code {}} is unresolved),
 *       {@code eval}, {@code ssh host CMD}, shells with {@code -c} or a here-document/here-string
 *       ({@code sh bash zsh dash ksh ash mksh yash posh rbash fish}).</li>
 *   <li>Interpreter one-liners ({@code python -c}, {@code node -e/-p}, {@code perl -e}, {@code ruby -e},
 *       {@code php -r}, an {@code awk} program, or a here-document fed to them): string literals passed to
 *       {@code os.system},
 *       {@code subprocess.*}, {@code child_process.*}, {@code system}, {@code exec}, backticks, {@code qx},
 *       {@code shell_exec}, ... are analysed as shell scripts or argument lists. Literal-path deletions
 *       ({@code shutil.rmtree}, {@code os.remove}, {@code fs.rmSync}, {@code unlink}, {@code FileUtils.rm_rf}, ...)
 *       are reported as synthetic {@code rm -rf PATH}, {@code rm PATH} or {@code rmdir PATH} invocations so that
 *       path rules apply. A call that runs non-literal code or commands ({@code os.system(x)}, {@code eval(...)},
 *       {@code require(x)}) is reported as an invocation with an unresolved command word and a problem.
 *       Environment reads are reported as synthetic {@code printenv NAME} (one variable by a literal name:
 *       {@code process.env.X}, {@code os.environ['X']}, {@code os.getenv('X')}, {@code $ENV{X}}, {@code ENV['X']},
 *       {@code getenv('X')}, {@code ENVIRON["X"]}) or {@code env} (all of it, or a computed name), see
 *       {@code EnvironmentReads}.</li>
 *   <li>Programs piped into a shell or interpreter that reads its program from stdin: literal text
 *       ({@code echo}/{@code printf} of known words, {@code cat} of a here-document or here-string, passed on by
 *       {@code cat}) is analysed like a here-document ({@code cat <<EOF | sh} gives the body's commands with the
 *       wrapper {@code sh |}); text from anything else ({@code awk}, {@code head}, {@code cat FILE}, a program, a
 *       compound command, the data written into {@code >( )}) gives an unresolved command and a problem. Every
 *       command of a compound stage, of a substitution in it and of a script it runs reads the same pipe.</li>
 * </ul>
 *
 * <h2>What "resolved" means</h2>
 * A {@link dev.hotplex.policy.shell.Word} is resolved when its text is exactly what the command would receive.
 * Unknown variables ({@code $HOME}, {@code $1}), substitutions, arithmetic, unterminated quotes and anything past a
 * limit are unresolved; their text renders the unknown parts in source form ({@code $HOME/.ssh}). A dynamic command
 * word ({@code $(echo rm)}, {@code $cmd}) gives an invocation whose {@code commandName()} is null. Rules should
 * treat unresolved words as "could be anything". When a wrapped script is not fully known ({@code bash -c "$x"}), it
 * is still parsed for visibility and an extra invocation with an unresolved command is added, since its run-time
 * text may parse differently.
 *
 * <h2>Limits</h2>
 * Subshells, groups, substitutions, wrappers and interpreter code nest at most
 * 32 (property {@code hotplex.shell.maxDepth}) levels; one
 * analysis records at most {@code hotplex.shell.maxInvocations} (10000) invocations; a brace expansion yields at most
 * 256 words. Beyond a limit the rest is reported in {@code problems()} and as an unresolved invocation.
 *
 * <h2>Known gaps</h2>
 * Aliases, {@code shopt}/{@code set} options, {@code IFS} changes, arrays (assigned arrays are unknown), parameter
 * operators such as {@code ${a:-b}} (always unresolved), {@code {1..3}} sequences, here-documents inside
 * {@code $( )} spanning lines, and scripts read from files ({@code bash x.sh}, {@code source x}) are not followed.
 * The commands inside {@code docker}, {@code kubectl exec} and similar remote runners are left to the rules.
 * A compound pipeline stage ({@code curl x | while read l; do bash; done}) is represented in
 * {@link dev.hotplex.policy.shell.ShellAnalysis#pipelines()} by its first command (the shells inside it are still
 * analysed as reading the pipe). Interpreter code is scanned, not parsed: text that
 * looks like an executing call inside a string ({@code print("os.system(1)")}) is reported as unresolved, on purpose.
 * Positional parameters are known only for {@code sh -c SCRIPT NAME ARGS...}.
 */
package dev.hotplex.policy.shell;
