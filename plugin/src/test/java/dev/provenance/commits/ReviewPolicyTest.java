package dev.provenance.commits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewPolicyTest {

    private static final Identity AUTHOR = Identity.parse("Ann Author <ann@example.com>");

    private final AiDetection detection = AiDetection.defaults();

    @Test
    void personOtherThanAuthorCounts() {
        ReviewPolicy policy = policy(List.of());

        assertThat(policy.judge("Rita Reviewer <rita@example.com>", AUTHOR, detection))
                .isNull();
    }

    @Test
    void rejectionsNameTheRule() {
        ReviewPolicy policy = policy(List.of("Rita Reviewer <rita@example.com>"));

        assertThat(policy.judge("Rita", AUTHOR, detection)).isEqualTo("the reviewer is not in 'Name <email>' form");
        assertThat(policy.judge("Ann <ANN@example.com>", AUTHOR, detection))
                .isEqualTo("the reviewer is the commit's author");
        assertThat(policy.judge("ann author <ann@other.example>", AUTHOR, detection))
                .isEqualTo("the reviewer is the commit's author");
        assertThat(policy.judge("Claude <noreply@anthropic.com>", AUTHOR, detection))
                .isEqualTo("the reviewer is an AI identity");
        assertThat(policy.judge("Olaf <olaf@example.com>", AUTHOR, detection))
                .isEqualTo("the reviewer is not on the reviewers list");
        assertThat(policy.judge("R. Reviewer <RITA@example.com>", AUTHOR, detection))
                .isNull();
    }

    @Test
    void reviewerWithoutEmailRejected() {
        assertThatThrownBy(() -> policy(List.of("Rita Reviewer")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reviewers contains 'Rita Reviewer', which has no email address: write 'Name <email>' or"
                        + " just the email");
    }

    @Test
    void notesRefOutsideNotesRejected() {
        assertThatThrownBy(() -> ReviewPolicy.of(List.of("Reviewed-by"), List.of(), "reviews", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notesRef 'reviews' is not under refs/notes/: use a full ref name such as"
                        + " refs/notes/reviews");
    }

    private static ReviewPolicy policy(List<String> reviewers) {
        return ReviewPolicy.of(List.of("Reviewed-by"), reviewers, ReviewPolicy.DEFAULT_NOTES_REF, null);
    }
}
