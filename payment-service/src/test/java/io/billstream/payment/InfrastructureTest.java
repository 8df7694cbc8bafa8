package io.billstream.payment;

import io.billstream.testsupport.InfrastructureContract;
import io.billstream.testsupport.ServiceIntegrationTest;

@ServiceIntegrationTest
class InfrastructureTest extends InfrastructureContract {
}
