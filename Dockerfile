# The GitHub Action's container (action.yml: runs.using docker). Its base is hotplex's image, built by Jib without a
# Docker daemon (scripts/action-image build): a Debian JRE, git, tini, hotplex and the pinned Claude Code CLI.
# The action runs as root, as GitHub runs every Docker action; see docs/action.md ("Root in the container").
FROM ghcr.io/hotplex/hotplex:0.1.0-SNAPSHOT

# tini reaps every exited child, so no process outlives the step as a zombie; hotplex stops its agent itself.
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/hotplex", "action"]
