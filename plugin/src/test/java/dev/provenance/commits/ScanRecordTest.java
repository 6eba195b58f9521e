package dev.provenance.commits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanRecordTest {

    @TempDir
    Path folder;

    @Test
    void reusesRecordWithSameInputsAndReport() throws Exception {
        Path report = writeReport("{\"commits\":[]}");
        Path record = folder.resolve("commits.inputs");
        String inputs = ScanRecord.inputsDigest(List.of("plugin 1", "refs abc"));
        List<String> warnings = List.of("abc1234: line 3 'Assisted-by:\\tx' is odd", "two\nlines\r\nand \\n");

        ScanRecord.write(record, inputs, report, "Checked 2 commits", warnings);

        assertThat(ScanRecord.reuse(record, inputs, report))
                .contains(new ScanRecord.Reused("Checked 2 commits", warnings));
    }

    @Test
    void refusesOtherInputsOrChangedReport() throws Exception {
        Path report = writeReport("{\"commits\":[]}");
        Path record = folder.resolve("commits.inputs");
        String inputs = ScanRecord.inputsDigest(List.of("plugin 1", "refs abc"));
        ScanRecord.write(record, inputs, report, "Checked 2 commits", List.of());

        assertThat(ScanRecord.reuse(record, ScanRecord.inputsDigest(List.of("plugin 1", "refs abd")), report))
                .isEmpty();
        Files.writeString(report, "{\"commits\":[1]}");
        assertThat(ScanRecord.reuse(record, inputs, report)).isEmpty();
        Files.delete(report);
        assertThat(ScanRecord.reuse(record, inputs, report)).isEmpty();
    }

    @Test
    void refusesDamagedOrDeletedRecord() throws Exception {
        Path report = writeReport("{}");
        Path record = folder.resolve("commits.inputs");
        String inputs = ScanRecord.inputsDigest(List.of("x"));
        ScanRecord.write(record, inputs, report, "Checked 1 commits", List.of("w"));

        Files.writeString(record, Files.readString(record) + "extra line\n");
        assertThat(ScanRecord.reuse(record, inputs, report)).isEmpty();
        Files.writeString(record, Files.readString(record).replace("provenance check-commits record 1", "other"));
        assertThat(ScanRecord.reuse(record, inputs, report)).isEmpty();
        ScanRecord.delete(record);
        assertThat(record).doesNotExist();
        assertThat(ScanRecord.reuse(record, inputs, report)).isEmpty();
    }

    private Path writeReport(String content) throws Exception {
        return Files.writeString(folder.resolve("commits.json"), content);
    }
}
