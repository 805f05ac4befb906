// Starts the GOV.UK Frontend components. Every page works without it; with
// it, components such as the service navigation's menu button come alive.
// It is a file of its own because the Content-Security-Policy allows no
// inline script.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();
