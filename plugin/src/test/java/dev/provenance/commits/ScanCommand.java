package dev.provenance.commits;

import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Scans a repository from the command line with the default settings and prints the counts; the benchmark runs it.
 *
 * <p>Usage: {@code java -cp CLASSPATH dev.provenance.commits.ScanCommand [--walk-only | --report FILE] GIT-DIR
 * [SINCE]}. {@code GIT-DIR} may be a bare repository. {@code --walk-only} only walks the history with JGit and reads
 * each message, which gives the share of the time that JGit itself takes. {@code --report} also writes the
 * commits.json report to {@code FILE}, to compare the results of two builds.
 */
public final class ScanCommand {

    private ScanCommand() {}

    public static void main(String[] arguments) throws Exception {
        boolean walkOnly = arguments.length > 0 && arguments[0].equals("--walk-only");
        Path report = arguments.length > 1 && arguments[0].equals("--report") ? Path.of(arguments[1]) : null;
        int options = 0;
        if (walkOnly) {
            options = 1;
        } else if (report != null) {
            options = 2;
        }
        String[] args = java.util.Arrays.copyOfRange(arguments, options, arguments.length);
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ScanCommand [--walk-only | --report FILE] GIT-DIR [SINCE]");
            System.exit(2);
        }
        if (walkOnly) {
            walk(Path.of(args[0]));
            return;
        }
        CommitRange range = args.length == 2 ? CommitRange.since(args[1]) : CommitRange.all();
        CommitScanner scanner = new CommitScanner(
                AiDetection.defaults(),
                ReviewPolicy.of(java.util.List.of("Reviewed-by"), java.util.List.of(), "refs/notes/reviews", null),
                false);
        try (Repository repository = new FileRepositoryBuilder()
                .setGitDir(Path.of(args[0]).toFile())
                .setMustExist(true)
                .build()) {
            ScanResult result = scanner.scan(repository, range);
            if (report != null) {
                CommitsReport.write(result, report);
            }
            System.out.printf(
                    "%d commits, %d AI-involved, %d unreviewed, %d warnings%n",
                    result.scanned(),
                    result.findings().size(),
                    result.unreviewed().size(),
                    result.warnings().size());
        }
    }

    private static void walk(Path gitDirectory) throws Exception {
        try (Repository repository = new FileRepositoryBuilder()
                        .setGitDir(gitDirectory.toFile())
                        .setMustExist(true)
                        .build();
                org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve("HEAD")));
            long characters = 0;
            int commits = 0;
            for (org.eclipse.jgit.revwalk.RevCommit commit : walk) {
                characters += commit.getFullMessage().length();
                commits++;
                commit.disposeBody();
            }
            System.out.printf("%d commits, %d message characters%n", commits, characters);
        }
    }
}
