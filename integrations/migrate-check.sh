#!/bin/sh
# CI step of the GitHub Action (action.yml) and the GitLab CI template (gitlab-ci.yml):
# `migrate --check --diff PATH`, with the diff kept in migrate.diff and, on GitHub, shown in the job
# summary. Exit code: migrate's (0 nothing to do, 1 a migration to do, 3 refused).
set -u
path=${1:-.}
status=0
migrate --check --diff --color never "$path" >migrate.diff 2>migrate.log || status=$?
cat migrate.log >&2
cat migrate.diff
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo "### migrate --check $path"
    echo
    sed 's/^/    /' migrate.log
    if [ -s migrate.diff ]; then
      echo
      echo '```diff'
      cat migrate.diff
      echo '```'
      echo
      echo "Run \`migrate $path\` (or \`git apply migrate.diff\`) and commit the result."
    fi
  } >>"$GITHUB_STEP_SUMMARY"
fi
exit "$status"
