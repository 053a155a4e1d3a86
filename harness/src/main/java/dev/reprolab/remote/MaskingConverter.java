package dev.reprolab.remote;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;

/** Logback {@code %masked}: the message and any stack trace with every registered secret replaced. */
public final class MaskingConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        String text = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            text = text + System.lineSeparator() + ThrowableProxyUtil.asString(event.getThrowableProxy());
        }
        return SecretMasker.mask(text);
    }
}
