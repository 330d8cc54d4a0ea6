using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CoverAndActingFor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(name: "on_behalf_of_user_id", table: "audit_events", type: "uuid", nullable: true);

            migrationBuilder.CreateTable(
                name: "covers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    deputy_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_covers", x => x.id);
                    table.ForeignKey(
                        name: "fk_covers_users_deputy_user_id",
                        column: x => x.deputy_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                    table.ForeignKey(
                        name: "fk_covers_users_lead_user_id",
                        column: x => x.lead_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateIndex(
                name: "ix_covers_deputy_user_id_ends_on",
                table: "covers",
                columns: new[] { "deputy_user_id", "ends_on" }
            );

            migrationBuilder.CreateIndex(
                name: "ix_covers_lead_user_id_ends_on",
                table: "covers",
                columns: new[] { "lead_user_id", "ends_on" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "covers");

            migrationBuilder.DropColumn(name: "on_behalf_of_user_id", table: "audit_events");
        }
    }
}
