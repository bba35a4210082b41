from sandboxes import national_portal
from sandboxes._receiver import main

if __name__ == "__main__":
    main(name="national_portal", path="/api/dongbo/hoso", schema="hoso_dongbo.schema.json",
         default_port=national_portal.DEFAULT_PORT,
         description="Bộ nhận đồng bộ hồ sơ của Cổng DVCQG (môi trường thử nghiệm)")
