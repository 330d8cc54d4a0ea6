#!/bin/sh
# Runs before each rollout (the Kubernetes migration Job, or compose's migrate service): the EF Core migrations
# bundle applies the app's schema, then the app installs or upgrades Hangfire's tables and rebuilds the state history
# of any recommendation without one (a migration may clear it to rebuild it), so the progress dashboard has its trend,
# and works out every recommendation's stored RAG and "overdue" so the first register page after a rollout is quick.
# READINESS_APP_DIR and READINESS_EFBUNDLE locate them outside the image (tests/run.sh checks this script that way).
set -eu
: "${ConnectionStrings__Readiness:?ConnectionStrings__Readiness must be set}"
app_dir=${READINESS_APP_DIR:-/app}
"${READINESS_EFBUNDLE:-$app_dir/efbundle}" --connection "$ConnectionStrings__Readiness"
dotnet "$app_dir/Readiness.Web.dll" jobs install
dotnet "$app_dir/Readiness.Web.dll" history record
exec dotnet "$app_dir/Readiness.Web.dll" state refresh
