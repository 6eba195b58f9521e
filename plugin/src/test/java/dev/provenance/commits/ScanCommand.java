package dev.provenance.commits;

import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Scans a repository from the command line with the default settings and prints the counts; the benchmark runs it.
 *
 * <p>Usage: {@code java -cp CLASSPATH dev.provenance.commits.ScanCommand GIT-DIR [SINCE]}. {@code GIT-DIR} may be a
 * bare repository.
 */
public final class ScanCommand {

    private ScanCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ScanCommand GIT-DIR [SINCE]");
            System.exit(2);
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
            System.out.printf(
                    "%d commits, %d AI-involved, %d unreviewed, %d warnings%n",
                    result.scanned(),
                    result.findings().size(),
                    result.unreviewed().size(),
                    result.warnings().size());
        }
    }
}
