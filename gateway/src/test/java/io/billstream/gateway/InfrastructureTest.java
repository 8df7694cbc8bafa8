package io.billstream.gateway;

import io.billstream.testsupport.InfrastructureContract;
import io.billstream.testsupport.ServiceIntegrationTest;

@ServiceIntegrationTest
class InfrastructureTest extends InfrastructureContract {

    static {
        // the shared context may start here; it must already point at the stand-in services
        StandIns.start();
    }
}
