// nightly-backup-report.jsh: back up every running app, then report each app's backups and flag
// the ones without a backup in the last 24 hours. Schedule it with cron, or see proximity-scheduler
// for the same in-process with retention.
// Run: examples/jshell/jshell.sh examples/jshell/scripts/nightly-backup-report.jsh

var px = demo();
if (px.apps().isEmpty()) {
  // the demo cluster starts empty: give the report something to show
  px.deploy("hello").named("site").start();
  px.deploy("uptime-kuma").named("status").start();
  px.app("status").stop();
}

// 1. back up every running app
for (AppSummary a : px.apps()) {
  if (a.status() == AppStatus.RUNNING) {
    Backup b = px.app(a.name()).backup("nightly " + LocalDate.now(ZoneOffset.UTC));
    System.out.println("backed up " + a.name() + " -> " + b.volid());
  } else {
    System.out.println("skipped " + a.name() + " (" + a.status() + ")");
  }
}

// 2. the report
Instant dayAgo = Instant.now().minus(Duration.ofHours(24));
System.out.printf("%-10s %7s  %-20s  %10s  %s%n", "APP", "BACKUPS", "NEWEST", "TOTAL MiB", "STATE");
int stale = 0;
for (AppSummary a : px.apps()) {
  List<Backup> backups = px.app(a.name()).backups();
  Optional<Backup> newest = backups.stream().max(Comparator.comparing(Backup::createdAt));
  long totalMib = backups.stream().mapToLong(Backup::sizeBytes).sum() >> 20;
  boolean fresh = newest.map(b -> b.createdAt().isAfter(dayAgo)).orElse(false);
  if (!fresh) {
    stale++;
  }
  System.out.printf("%-10s %7d  %-20s  %10d  %s%n", a.name(), backups.size(),
      newest.map(b -> b.createdAt().truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-"),
      totalMib, fresh ? "OK" : "NO BACKUP IN 24H");
}
System.out.println(stale == 0 ? "report: every app has a fresh backup" : "report: " + stale + " app(s) without a fresh backup");
/exit
