package com.eventshop.platform.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemErrorReportValve} on the host in place of Tomcat's (and Boot's) HTML error
 * report valve, so that what Tomcat rejects on its own is problem+json too. Runs after Boot's
 * own Tomcat customizer, which adds a plain ErrorReportValve of its own.
 */
public class ProblemTomcatCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            if (parent instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
            if (parent != null) {
                for (Valve valve : parent.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                        parent.getPipeline().removeValve(valve);
                    }
                }
                boolean present = java.util.Arrays.stream(parent.getPipeline().getValves())
                        .anyMatch(ProblemErrorReportValve.class::isInstance);
                if (!present) {
                    parent.getPipeline().addValve(new ProblemErrorReportValve());
                }
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
