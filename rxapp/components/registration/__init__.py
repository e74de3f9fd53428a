"""The registration form, its draft kept in the browser and the code card: shared by the public
page (``rxapp/registration``) and the desk's "register someone" page."""
