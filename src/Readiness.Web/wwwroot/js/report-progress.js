// Follows a background board report (Features/Reports/Run.cshtml): asks for its status every two seconds, moves the
// progress bar and stage, and shows the download when the report is ready. Without script the page has a link to check again.
const run = document.getElementById('report-run');
const progress = document.getElementById('report-progress');
const stage = document.getElementById('report-stage');

async function check() {
  const response = await fetch(run.dataset.statusUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) {
    return false;
  }

  const status = await response.json();
  progress.value = status.percent;
  progress.textContent = `${status.percent}%`;
  stage.textContent = `${status.stage} (${status.percent}%).`;
  if (status.state === 'ready') {
    document.getElementById('report-download').href = status.download;
    document.getElementById('report-marking').textContent = status.marking ? `(${status.marking})` : '';
    document.getElementById('report-ready').hidden = false;
    document.getElementById('report-check')?.remove();
    document.getElementById('report-heading').textContent = 'Your board report is ready';
    document.title = document.title.replace('Producing your board report', 'Your board report is ready');
    return false;
  }

  if (status.state === 'failed') {
    window.location.reload();
    return false;
  }

  return true;
}

async function follow() {
  try {
    if (await check()) {
      setTimeout(follow, 2000);
    }
  } catch {
    setTimeout(follow, 5000);
  }
}

if (run && !['ready', 'failed'].includes(run.dataset.state)) {
  setTimeout(follow, 1000);
}
