// Progressive enhancement only: the page works fully without this script. It adds copy buttons, selects "Other" when a
// custom max age is typed, moves focus to the problem summary, and validates while typing by asking the server, which
// runs the same core validation as Generate, so the messages are identical.
(function () {
    "use strict";

    var form = document.getElementById("generator");

    function addCopyButtons() {
        var status = document.createElement("p");
        status.className = "copy-status";
        status.setAttribute("role", "status");
        document.body.appendChild(status);

        document.querySelectorAll("[data-copy]").forEach(function (element) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "copy";
            button.textContent = "Copy";
            button.setAttribute("aria-label", "Copy " + element.getAttribute("data-copy"));
            button.addEventListener("click", function () {
                var text = element.textContent;
                var done = function () { status.textContent = "Copied " + element.getAttribute("data-copy") + "."; };
                if (navigator.clipboard && navigator.clipboard.writeText) {
                    navigator.clipboard.writeText(text).then(done, function () { status.textContent = "Copy failed: select the text and copy it."; });
                }
            });
            if (element.tagName === "PRE") {
                element.parentNode.insertBefore(button, element);
                button.classList.add("copy-block");
            } else {
                element.insertAdjacentElement("afterend", button);
            }
        });
    }

    function focusSummary() {
        var summary = document.getElementById("summary");
        if (summary && summary.classList.contains("summary-error")) {
            summary.focus();
        }
    }

    function linkCustomMaxAge() {
        var custom = document.getElementById("max-age-custom");
        var other = document.getElementById("max-age-other");
        if (custom && other) {
            custom.addEventListener("input", function () { other.checked = true; });
        }
    }

    // Live validation: show messages only for fields the user has touched, or that already show messages.
    function liveValidation() {
        if (!form || !window.fetch || !window.FormData) {
            return;
        }

        var touched = {};
        document.querySelectorAll("[data-messages-for]").forEach(function (container) {
            if (container.querySelector("li")) {
                touched[container.getAttribute("data-messages-for")] = true;
            }
        });

        var timer = null;
        var sequence = 0;

        function render(field, messages) {
            var container = document.querySelector('[data-messages-for="' + field + '"]');
            if (!container) {
                return;
            }

            container.textContent = "";
            var hasError = false;
            if (messages.length > 0) {
                var list = document.createElement("ul");
                messages.forEach(function (m) {
                    hasError = hasError || m.severity === "error";
                    var item = document.createElement("li");
                    item.className = "message " + m.severity;
                    var severity = document.createElement("span");
                    severity.className = "severity";
                    severity.textContent = m.severity === "error" ? "Error" : "Warning";
                    var code = document.createElement("a");
                    code.className = "code";
                    code.href = m.helpLink;
                    code.textContent = m.code;
                    var text = document.createElement("span");
                    text.className = "text";
                    text.textContent = m.message;
                    item.append(severity, " ", code, ": ", text);
                    list.appendChild(item);
                });
                container.appendChild(list);
            }

            form.querySelectorAll('input[type="text"][data-field="' + field + '"], textarea[data-field="' + field + '"]').forEach(function (control) {
                if (hasError) {
                    control.setAttribute("aria-invalid", "true");
                } else {
                    control.removeAttribute("aria-invalid");
                }
            });
        }

        // aria-busy on the form while a validation is waiting or on its way: the messages are not final yet.
        function settled(current) {
            if (current === sequence && timer === null) {
                form.removeAttribute("aria-busy");
            }
        }

        function validate() {
            timer = null;
            var current = ++sequence;
            var url = new URL(form.action || window.location.href, window.location.href);
            url.hash = "";
            url.searchParams.set("handler", "Validate");
            fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin" })
                .then(function (response) { return response.ok ? response.json() : null; })
                .then(function (result) {
                    if (!result || current !== sequence) {
                        settled(current);
                        return;
                    }

                    var byField = {};
                    result.messages.forEach(function (m) {
                        (byField[m.field] = byField[m.field] || []).push(m);
                    });
                    Object.keys(touched).forEach(function (field) {
                        render(field, byField[field] || []);
                    });
                    settled(current);
                })
                .catch(function () { settled(current); /* offline or server gone: Generate still validates */ });
        }

        form.addEventListener("input", function (event) {
            var field = event.target.getAttribute("data-field");
            if (!field) {
                return;
            }

            touched[field] = true;
            form.setAttribute("aria-busy", "true");
            window.clearTimeout(timer);
            timer = window.setTimeout(validate, 350);
        });
        form.addEventListener("change", function (event) {
            var field = event.target.getAttribute("data-field");
            if (field) {
                touched[field] = true;
                form.setAttribute("aria-busy", "true");
                window.clearTimeout(timer);
                validate();
            }
        });
    }

    addCopyButtons();
    linkCustomMaxAge();
    liveValidation();
    focusSummary();
})();
