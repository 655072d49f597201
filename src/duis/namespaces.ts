/** DUIS XSD V5.4 targetNamespace: every request element lives here. */
export const DUIS_NAMESPACE = 'http://www.dccinterface.co.uk/ServiceUserGateway';
export const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
/** Schema processors allow xsi:* attributes (e.g. xsi:schemaLocation) on any element. */
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
