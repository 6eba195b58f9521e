package dev.provenance.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRevisionsTest {

    @TempDir
    Path directory;

    @Test
    void readsHeadFromSubdirectory() throws Exception {
        Instant committed = Instant.parse("2026-02-03T04:05:06Z");
        RevCommit commit;
        try (Git git = Git.init().setDirectory(directory.toFile()).call()) {
            Files.writeString(directory.resolve("pom.xml"), "<project/>");
            git.add().addFilepattern("pom.xml").call();
            PersonIdent person = new PersonIdent(
                    "Dev", "dev@example.com", Date.from(committed), TimeZone.getTimeZone(ZoneOffset.UTC));
            commit = git.commit()
                    .setMessage("Initial")
                    .setAuthor(person)
                    .setCommitter(person)
                    .setSign(false)
                    .call();
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", "https://builder:s3cret@git.example.com/team/app.git");
            config.save();
        }
        Path module = Files.createDirectories(directory.resolve("module/src"));

        Optional<SourceRevision> revision = SourceRevisions.read(module);

        assertThat(revision).isPresent();
        assertThat(revision.get().commit()).isEqualTo(commit.name());
        assertThat(revision.get().commitTime()).isEqualTo(committed);
        assertThat(revision.get().remoteUrl()).isEqualTo("https://git.example.com/team/app.git");
    }

    @Test
    void outsideCheckoutIsEmpty() throws Exception {
        assertThat(SourceRevisions.read(directory)).isEmpty();
    }

    @Test
    void scpStyleRemoteIsKept() {
        assertThat(SourceRevisions.withoutUserInfo("git@git.example.com:team/app.git"))
                .isEqualTo("git@git.example.com:team/app.git");
    }
}
