package io.pixflow.adapter.webui;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the {@code .ftlh} templates: HTML output format, so every {@code ${…}} is escaped, UTF-8 in and out.
 *
 * <p>Each page gets the texts of its language ({@code msg}), its {@code lang} tag, whether the server runs in
 * {@code sandbox} mode and the {@code assets} URLs, besides its own values.
 */
final class Pages {

    static final String PAYMENT = "payment.ftlh";
    static final String NOT_FOUND = "not-found.ftlh";
    static final String UNAVAILABLE = "unavailable.ftlh";

    private final Configuration freemarker;
    private final Messages messages;
    private final Map<String, String> assetUrls;
    private final boolean sandbox;

    Pages(Messages messages, Map<String, String> assetUrls, boolean sandbox) {
        this.messages = messages;
        this.assetUrls = Map.copyOf(assetUrls);
        this.sandbox = sandbox;
        this.freemarker = configure();
        for (String name : new String[] {PAYMENT, NOT_FOUND, UNAVAILABLE}) {
            template(name);
        }
    }

    String payment(PaymentView view, Language language) {
        return render(PAYMENT, language, Map.of("view", view));
    }

    String notFound(Language language) {
        return render(NOT_FOUND, language, Map.of());
    }

    String unavailable(Language language) {
        return render(UNAVAILABLE, language, Map.of());
    }

    private String render(String name, Language language, Map<String, Object> values) {
        Map<String, Object> model = new HashMap<>(values);
        model.put("msg", messages.in(language));
        model.put("lang", language.tag());
        model.put("sandbox", sandbox);
        model.put("assets", assetUrls);
        StringWriter html = new StringWriter(8192);
        try {
            template(name).process(model, html);
        } catch (TemplateException | IOException e) {
            // Our templates against our model: a failure here is a bug in this module, never the client's doing.
            throw new IllegalStateException("cannot render " + name, e);
        }
        return html.toString();
    }

    private Template template(String name) {
        try {
            return freemarker.getTemplate(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load template " + name, e);
        }
    }

    private static Configuration configure() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_35);
        configuration.setClassLoaderForTemplateLoading(Pages.class.getClassLoader(),
                Pages.class.getPackageName().replace('.', '/') + "/templates");
        configuration.setDefaultEncoding("UTF-8");
        configuration.setOutputEncoding("UTF-8");
        configuration.setOutputFormat(HTMLOutputFormat.INSTANCE);
        configuration.setRecognizeStandardFileExtensions(true);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setNumberFormat("computer");
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setAPIBuiltinEnabled(false);
        return configuration;
    }
}
