exec shellcheck "$@"
