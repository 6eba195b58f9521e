package dev.provenance.commits;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenance.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a scan result as {@code commits.json}, the record of AI-involved commits and their reviews. */
public final class CommitsReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CommitsReport() {}

    /** Returns the JSON document for {@code result}. */
    public static ObjectNode toJson(ScanResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("range", result.range().toString());
        root.put("head", result.head());
        root.put("base", result.base());
        root.put("commitsScanned", result.scanned());
        root.put("aiInvolved", result.findings().size());
        root.put("unreviewed", result.unreviewed().size());

        // The gate summary that attest turns into a verification summary attestation.
        root.put("result", result.unreviewed().isEmpty() ? "PASSED" : "FAILED");
        ObjectNode counts = root.putObject("counts");
        counts.put("commitsScanned", result.scanned());
        counts.put("aiInvolved", result.findings().size());
        counts.put("unreviewed", result.unreviewed().size());
        ArrayNode commits = root.putArray("commits");
        for (CommitFinding finding : result.findings()) {
            commits.add(toJson(finding));
        }
        ArrayNode warnings = root.putArray("warnings");
        result.warnings().forEach(warnings::add);
        return root;
    }

    private static ObjectNode toJson(CommitFinding finding) {
        ObjectNode commit = JSON.createObjectNode();
        commit.put("id", finding.id());
        commit.put("subject", finding.subject());
        commit.put("author", finding.author());
        commit.put("committer", finding.committer());
        commit.put("merge", finding.parents() > 1);
        commit.put("reverts", finding.reverts());
        commit.put("cherryPickedFrom", finding.cherryPickedFrom());
        ArrayNode markers = commit.putArray("aiMarkers");
        for (AiMarker marker : finding.markers()) {
            markers.addObject()
                    .put(
                            "source",
                            marker.source().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .put("text", marker.text());
        }
        ArrayNode files = commit.putArray("files");
        finding.files().forEach(files::add);
        ArrayNode reviews = commit.putArray("reviews");
        for (Review review : finding.reviews()) {
            reviews.addObject()
                    .put("reviewer", review.reviewer())
                    .put("source", review.source())
                    .put("accepted", review.accepted())
                    .put("rejection", review.rejection());
        }
        commit.put("reviewed", finding.reviewed());
        return commit;
    }

    /** Writes the report to {@code file} through a temporary file in the same folder, so readers never see half. */
    public static void write(ScanResult result, Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(toJson(result)));
    }
}
