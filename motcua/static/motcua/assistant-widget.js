// The assistant widget of a procedure page: the page is cached for every visitor, so the form carries no CSRF
// token. On submit, ask the uncached token URL for one (it also sets the CSRF cookie) and post the question; if
// that fails, the form goes as written (GET), which opens the assistant's page with the question filled in.
document.querySelectorAll("form[data-token-url]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(form.dataset.tokenUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        var token = document.createElement("input");
        token.type = "hidden";
        token.name = "csrfmiddlewaretoken";
        token.value = data.token;
        form.appendChild(token);
        form.method = "post";
        form.submit();
      })
      .catch(function () { form.submit(); });
  });
});
