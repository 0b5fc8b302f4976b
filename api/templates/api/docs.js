"use strict";
// The docs page's Swagger UI: the description of this API, read-only (GET only).
window.ui = SwaggerUIBundle({
  url: "{{ schema_url|escapejs }}",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  supportedSubmitMethods: ["get", "head"],
  ...{{ settings|safe }},
});
