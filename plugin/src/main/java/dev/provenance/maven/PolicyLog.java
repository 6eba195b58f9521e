package dev.provenance.maven;

import org.apache.maven.plugin.logging.Log;
import org.slf4j.Logger;

/** Maven's mojo {@link Log} over an SLF4J logger, for code that runs outside a mojo, such as the lifecycle participant. */
final class PolicyLog implements Log {

    private final Logger logger;

    PolicyLog(Logger logger) {
        this.logger = logger;
    }

    @Override
    public boolean isDebugEnabled() {
        return logger.isDebugEnabled();
    }

    @Override
    public void debug(CharSequence content) {
        logger.debug(String.valueOf(content));
    }

    @Override
    public void debug(CharSequence content, Throwable error) {
        logger.debug(String.valueOf(content), error);
    }

    @Override
    public void debug(Throwable error) {
        logger.debug(error.toString(), error);
    }

    @Override
    public boolean isInfoEnabled() {
        return logger.isInfoEnabled();
    }

    @Override
    public void info(CharSequence content) {
        logger.info(String.valueOf(content));
    }

    @Override
    public void info(CharSequence content, Throwable error) {
        logger.info(String.valueOf(content), error);
    }

    @Override
    public void info(Throwable error) {
        logger.info(error.toString(), error);
    }

    @Override
    public boolean isWarnEnabled() {
        return logger.isWarnEnabled();
    }

    @Override
    public void warn(CharSequence content) {
        logger.warn(String.valueOf(content));
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
        logger.warn(String.valueOf(content), error);
    }

    @Override
    public void warn(Throwable error) {
        logger.warn(error.toString(), error);
    }

    @Override
    public boolean isErrorEnabled() {
        return logger.isErrorEnabled();
    }

    @Override
    public void error(CharSequence content) {
        logger.error(String.valueOf(content));
    }

    @Override
    public void error(CharSequence content, Throwable error) {
        logger.error(String.valueOf(content), error);
    }

    @Override
    public void error(Throwable error) {
        logger.error(error.toString(), error);
    }
}
